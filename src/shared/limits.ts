/** Input limits shared by the server's validation and the console's forms. */
export const LIMITS = {
  passwordMin: 12,
  passwordMax: 256,
  nameMax: 100,
  firmNameMax: 200,
  emailMax: 254,
  tokenNameMax: 100,
  descriptionMax: 1000,
  roleNameMax: 60,
  invitationMessageMax: 2000,
  licensesMax: 10_000,
  priceCentsMax: 100_000_00,
  bodyBytes: 1_048_576,
  pageDefault: 50,
  pageMax: 200,
} as const;
