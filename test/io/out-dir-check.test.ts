import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { homedir, tmpdir } from "node:os"
import { dirname, join, relative } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { checkOutputDir } from "../../src/io/out-dir-check"
import { markOutputDir, OUT_DIR_MARK } from "../../src/io/out-dir-mark"

const root = mkdtempSync(join(tmpdir(), "il-out-check-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const refused = (out: string, inputs: string[] = []): string => {
  try {
    checkOutputDir(out, { inputs })
  } catch (error) {
    expect((error as Error).name).toBe("UserError")
    return (error as Error).message
  }
  throw new Error(`'${out}' was accepted`)
}

describe("checkOutputDir", () => {
  it("accepts a new path (also under new folders) and a folder interest-lab marked, and returns the absolute path", () => {
    expect(checkOutputDir(join(root, "new"))).toBe(join(root, "new"))
    expect(checkOutputDir(join(root, "a", "b", "c"))).toBe(join(root, "a", "b", "c"))
    const ours = join(root, "ours")
    mkdirSync(ours)
    markOutputDir(ours)
    expect(checkOutputDir(ours)).toBe(ours)
    expect(checkOutputDir(relative(process.cwd(), ours))).toBe(ours)
  })

  it("refuses the empty path, the root, the current folder, the home folder and their parents", () => {
    expect(refused("")).toBe("--out: the path is empty; name a new folder, e.g. --out reports/run")
    expect(refused("  ")).toBe("--out: the path is empty; name a new folder, e.g. --out reports/run")
    expect(refused("/")).toBe("--out: '/' is the filesystem root; name a new folder")
    expect(refused(".")).toBe("--out: '.' is the current folder or one of its parents; name a new folder")
    expect(refused("..")).toBe("--out: '..' is the current folder or one of its parents; name a new folder")
    expect(refused(`${process.cwd()}/`)).toBe(
      `--out: '${process.cwd()}/' is the current folder or one of its parents; name a new folder`,
    )
    expect(refused(homedir())).toBe(`--out: '${homedir()}' is the home folder or one of its parents; name a new folder`)
    if (dirname(homedir()) !== "/")
      expect(refused(dirname(homedir()))).toMatch(/is the home folder or one of its parents/)
  })

  it("refuses an existing file, an unmarked folder, a mark that is not interest-lab's, and symbolic links", () => {
    const file = join(root, "file.txt")
    writeFileSync(file, "keep")
    expect(refused(file)).toBe(
      `--out: '${file}' is an existing file; interest-lab writes only into a new folder or one it wrote itself`,
    )
    const theirs = join(root, "theirs")
    mkdirSync(theirs)
    expect(refused(theirs)).toBe(
      `--out: '${theirs}' is an existing folder that interest-lab did not write (it has no ${OUT_DIR_MARK} file); name a new folder`,
    )
    writeFileSync(join(theirs, OUT_DIR_MARK), "something else")
    expect(refused(theirs)).toMatch(/did not write/)
    const dangling = join(root, "dangling")
    symlinkSync(join(root, "nowhere"), dangling)
    expect(refused(dangling)).toBe(`--out: '${dangling}' is a symbolic link to a missing path; name a new folder`)
    expect(refused(join(dangling, "run"))).toBe(
      `--out: '${join(dangling, "run")}' cannot be created: ${dangling} is a symbolic link to a missing path`,
    )
    const ours = join(root, "ours2")
    mkdirSync(ours)
    markOutputDir(ours)
    const link = join(root, "link")
    symlinkSync(ours, link)
    expect(refused(link)).toBe(`--out: '${link}' is a symbolic link; name the folder itself`)
    expect(refused(join(file, "run"))).toBe(
      `--out: '${join(file, "run")}' cannot be created: ${file} is a file, not a folder`,
    )
  })

  it("refuses a path that is, contains or lies inside an input, also through a symbolic link", () => {
    const data = join(root, "data")
    mkdirSync(join(data, "logs"), { recursive: true })
    const config = join(root, "exp.yaml")
    writeFileSync(config, "horizon: 1\n")
    expect(refused(config, [config])).toBe(`--out: '${config}' is an input of this run (${config}); name a new folder`)
    expect(refused(root, [join(data, "logs")])).toBe(
      `--out: '${root}' contains an input of this run (${join(data, "logs")}); name a new folder`,
    )
    expect(refused(join(data, "logs", "run"), [data])).toBe(
      `--out: '${join(data, "logs", "run")}' lies inside an input of this run (${data}); name a new folder`,
    )
    const alias = join(root, "alias")
    symlinkSync(data, alias)
    expect(refused(join(alias, "run"), [data])).toMatch(/lies inside an input of this run/)
    expect(checkOutputDir(join(root, "beside"), { inputs: [data, config] })).toBe(join(root, "beside"))
  })
})
