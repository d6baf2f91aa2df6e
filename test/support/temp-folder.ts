import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A temporary folder a test file works in, and a writer of files in it. */
export interface TempFolder {
  /** The folder's path (set once the first test starts). */
  readonly path: string;
  /** Writes `content` (a string as it is, anything else as JSON) to `name` below the folder, making its parent folders. */
  write(name: string, content: unknown): string;
}

/**
 * A fresh folder under the system's temporary folder for each test (or once for the whole file, with `"file"`),
 * removed afterwards: tests never write into the repository.
 */
export function tempFolder(prefix: string, lifetime: "test" | "file" = "test"): TempFolder {
  let dir = "";
  const create = () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  };
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  if (lifetime === "test") {
    beforeEach(create);
    afterEach(remove);
  } else {
    beforeAll(create);
    afterAll(remove);
  }
  return {
    get path() {
      return dir;
    },
    write: (name, content) => {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
      return file;
    },
  };
}
