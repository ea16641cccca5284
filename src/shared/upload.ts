/** A file the caller uploaded: its name as given and its bytes. */
export interface UploadedFile {
  name: string;
  data: Buffer;
}

/**
 * Reads the uploaded file when called. Services take this instead of the bytes so that they check
 * role and scope first: a caller who may not import learns nothing from the file, which is then
 * not read, let alone parsed.
 */
export type ReadUpload = () => Promise<UploadedFile>;
