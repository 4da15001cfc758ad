// What the playground knows about file names.

/** The configuration file: its text is passed as `config`, not checked as a file. */
export const CONFIG_FILE = ".ballast.yaml";

/** Whether ballast reads the file as a Dockerfile (the same test as the policy crate's). */
export function isDockerfile(path) {
  const name = baseName(path).toLowerCase();
  if (name.endsWith(".dockerignore")) return false;
  return (
    name === "dockerfile" ||
    name === "containerfile" ||
    name.startsWith("dockerfile.") ||
    name.startsWith("containerfile.") ||
    name.endsWith(".dockerfile") ||
    name.endsWith(".containerfile")
  );
}

export function baseName(path) {
  return path.split(/[/\\]/).pop();
}

export function isConfig(path) {
  return baseName(path) === CONFIG_FILE;
}

/** A path not yet taken: `Dockerfile`, then `app2/Dockerfile`, `app3/Dockerfile`, ... */
export function uniquePath(path, taken) {
  if (!taken.includes(path)) return path;
  for (let n = 2; ; n++) {
    const candidate = `app${n}/${path}`;
    if (!taken.includes(candidate)) return candidate;
  }
}
