import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

/** Runs `python3 -c script args...` in `cwd`; its stdout parsed as JSON. A missing python3 fails the test. */
export function python(script: string, args: readonly string[], cwd: string): unknown {
  const r = spawnSync('python3', ['-c', script, ...args], { cwd, encoding: 'utf8' });
  if (r.error) throw new Error(`python3 is not installed (apt-get install python3): ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

/**
 * What upstream's backwards_compat_config.get_config does with a conf file, without pandas: json.load,
 * nested objects flattened into dotted keys (what pd.json_normalize(...).iloc[0] gives for objects without
 * lists), then one lookup per mapped key, a missing one being a KeyError (upstream then drops the whole
 * file and reads the environment). Not upstream's own function: it needs pandas and numpy (upstream's
 * conda environment), and its code is not copied here. argv[1]: {file: {variable: dotted path}}; prints,
 * per file, the values found and their Python types, or the key that is missing.
 */
export const GET_CONFIG = `
import json, sys
def flatten(obj, prefix=""):
    out = {}
    for key, value in obj.items():
        if isinstance(value, dict) and value:
            out.update(flatten(value, prefix + key + "."))
        else:
            out[prefix + key] = value
    return out
result = {}
for name, mapping in json.loads(sys.argv[1]).items():
    with open(name) as f:
        loaded = flatten(json.load(f))
    try:
        found = {var: loaded[path] for var, path in mapping.items()}
        result[name] = {"found": found, "types": {k: type(v).__name__ for k, v in found.items()}}
    except KeyError as e:
        result[name] = {"missing": e.args[0]}
print(json.dumps(result))
`;

/** Python's own logging.config.dictConfig on each log conf, then one error logged: per conf, the files its handlers wrote. */
export const DICT_CONFIG = `
import json, logging, logging.config, sys
result = {}
for name in sys.argv[1:]:
    with open(name) as f:
        conf = json.load(f)
    logging.config.dictConfig(conf)
    logging.getLogger().error("fieldstation test line")
    for h in logging.getLogger().handlers:
        h.flush()
    files = {h: c["filename"] for h, c in conf["handlers"].items() if "filename" in c}
    result[name] = {h: {"path": p, "text": open(p).read()} for h, p in files.items()}
print(json.dumps(result))
`;

/** How upstream's secret.py reads secret_list.json, and whether a token passes its startswith check. */
export const SECRET_LIST = `
import json, sys
with open(sys.argv[1]) as f:
    secrets = json.load(f)["client_secret_list"]
print(json.dumps({"secrets": secrets, "accepts": [any(t.startswith(s) for s in secrets) for t in sys.argv[2:]]}))
`;
