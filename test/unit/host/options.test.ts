import { parseHostCommandLine } from "../../../local/host/options";

describe("host command line", () => {
  it("defaults to port 7071 and real time", () => {
    const options = parseHostCommandLine(["--app", "some/app"], {});
    expect(options).toMatchObject({ appFolder: "some/app", port: 7071, clockSpec: { mode: "real" } });
  });

  it("reads port, keys and a scaled or virtual clock", () => {
    const scaled = parseHostCommandLine(["--app", "a", "--port", "0", "--speed", "60", "--key", "k", "--master-key", "m"], {});
    expect(scaled).toMatchObject({ port: 0, functionKey: "k", masterKey: "m", clockSpec: { mode: "scaled", speed: 60 } });
    expect(parseHostCommandLine(["--app", "a", "--virtual"], {}).clockSpec.mode).toBe("virtual");
  });

  it("takes keys from the LOCAL_FUNCTION_KEY and LOCAL_MASTER_KEY settings when no option gives them", () => {
    const environment = { LOCAL_FUNCTION_KEY: "from-setting", LOCAL_MASTER_KEY: "master-setting" };
    expect(parseHostCommandLine(["--app", "a"], environment)).toMatchObject({ functionKey: "from-setting", masterKey: "master-setting" });
    expect(parseHostCommandLine(["--app", "a", "--key", "from-option"], environment).functionKey).toBe("from-option");
  });

  it("takes --name=value, so a key may start with dashes", () => {
    const options = parseHostCommandLine(["--app=a", "--key=--k-", "--master-key=-m"], {});
    expect(options).toMatchObject({ appFolder: "a", functionKey: "--k-", masterKey: "-m" });
    expect(() => parseHostCommandLine(["--app", "a", "--key", "--k-"], {})).toThrow(/option --key needs a value/);
    expect(() => parseHostCommandLine(["--app", "a", "--virtual=yes"], {})).toThrow(/option --virtual takes no value/);
  });

  it("shares a clock given as a spec in LOCAL_CLOCK", () => {
    const spec = { mode: "scaled", speed: 30, originMs: 1000, realOriginMs: 2000 };
    expect(parseHostCommandLine(["--app", "a"], { LOCAL_CLOCK: JSON.stringify(spec) }).clockSpec).toEqual(spec);
    expect(() => parseHostCommandLine(["--app", "a"], { LOCAL_CLOCK: "fast" })).toThrow(/JSON clock spec/);
  });

  it("refuses bad input with a message naming the option", () => {
    expect(() => parseHostCommandLine([], {})).toThrow(/--app <folder> is required/);
    expect(() => parseHostCommandLine(["--app", "a", "--port", "70000"], {})).toThrow(/--port must be an integer/);
    expect(() => parseHostCommandLine(["--app", "a", "--speed", "0"], {})).toThrow(/--speed must be a positive number/);
    expect(() => parseHostCommandLine(["--app", "a", "--speed", "2", "--virtual"], {})).toThrow(/exclude each other/);
    expect(() => parseHostCommandLine(["--app", "a", "--bogus"], {})).toThrow(/unknown option "--bogus"/);
    expect(() => parseHostCommandLine(["--app"], {})).toThrow(/needs a value/);
  });
});
