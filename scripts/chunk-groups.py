#!/usr/bin/env python3
"""Prints, as JSON, the files each group of the app's split code needs ({"study": [its chunk,
then the shared chunks it waits for], ...}), read from the chunk loader wasm-split-cli wrote
(__wasm_split.js) before it is minified. build-web.sh fills boot.js with them (it preloads them)
and keeps them in chunk-groups.json, which size-budget.sh reads.
Usage: scripts/chunk-groups.py DIR_WITH___wasm_split.js"""
import json, os, re, sys

js = open(os.path.join(sys.argv[1], "__wasm_split.js")).read()
shared = dict(re.findall(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"', js))
groups = {}
for name, own, deps in re.findall(
        r'export const __wasm_split_load_(\w+?)(?:_\d+)? = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"[^\[]*\[([^\]]*)\]', js):
    groups[name] = [own] + [shared[d.strip()] for d in deps.split(",") if d.strip()]
if not groups:
    sys.exit("chunk-groups.py: no split groups found in __wasm_split.js (did its format change?)")
print(json.dumps(groups))
