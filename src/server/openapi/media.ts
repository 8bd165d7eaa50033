/** Success answers that are files or streams rather than JSON, as a route declares them for the document. */
import { z } from "zod";

/** Text of any shape: a CSV file, an event stream. Never serialized: the route sends it as it is. */
const text = z.unknown().meta({ type: "string" });

/** A `response` entry for a body of the given media type. */
export const mediaResponse = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: text } },
});
