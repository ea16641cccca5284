/** A multipart/form-data body with one file field, for app.inject. */
export function multipartFile(field: string, filename: string, content: Buffer, type = 'application/octet-stream') {
  return multipartFiles(field, [{ filename, content, type }]);
}

/** A multipart/form-data body with several files under the same field. */
export function multipartFiles(field: string, files: { filename: string; content: Buffer; type?: string }[]) {
  const boundary = `----youzhi${Math.random().toString(16).slice(2)}`;
  const parts = files.map((f) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.content, Buffer.from('\r\n')]),
  );
  const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A multipart/form-data body with text fields (repeats allowed) and files, as a form posting photos sends it. */
export function multipartForm(fields: [string, string][], files: { field: string; filename: string; content: Buffer; type?: string }[] = []) {
  const boundary = `----youzhi${Math.random().toString(16).slice(2)}`;
  const parts = [
    ...fields.map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    ...files.map((f) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.content, Buffer.from('\r\n')])),
  ];
  const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
