/** Whether path is parent itself or lies below it ("/tmp/x" is within "/tmp", "/tmpx" is not). */
export function isWithin(path: string, parent: string): boolean {
  return path === parent || path.startsWith(parent.endsWith("/") ? parent : `${parent}/`);
}
