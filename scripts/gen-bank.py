#!/usr/bin/env python3
"""Writes a synthetic content folder of N questions for benchmarks: the real blueprint, and
question files of 1,000 questions each, spread over every objective, with Markdown and code.
Usage: gen-bank.py N OUT_DIR"""
import json, shutil, sys
from pathlib import Path

n, out = int(sys.argv[1]), Path(sys.argv[2])
root = Path(__file__).resolve().parent.parent
shutil.rmtree(out, ignore_errors=True)
(out / "questions").mkdir(parents=True)
shutil.copy(root / "content" / "blueprint.json", out / "blueprint.json")
bp = json.loads((root / "content" / "blueprint.json").read_text())
objectives = [o["id"] for d in bp["domains"] for s in d["sections"] for o in s["objectives"]]
words = "cluster feature drift model alias endpoint pipeline metric table monitor window baseline trial run".split()

def question(i):
    o = objectives[i % len(objectives)]
    multi = i % 5 == 0
    w = [words[(i * k + k) % len(words)] for k in range(1, 9)]
    q = {
        "id": f"gen-{i:06d}", "objective": o, "kind": "multiple" if multi else "single",
        "difficulty": ["easy", "medium", "hard"][i % 3], "tags": ["generated"],
        "stem": f"Scenario {i}: a team sees the {w[0]} {w[1]} change after the {w[2]} job. "
                f"Which step {'pair ' if multi else ''}fixes the {w[3]} {i * 7919 % 100003}?"
                + ("\n\n```python\nimport mlflow\nmlflow.log_metric('rmse', 0.5)\n```" if i % 4 == 0 else ""),
        "options": [{"id": k, "text": f"Use the `{w[j]}` {w[j+1]} option {i}-{k}", "correct": k == "a" or (multi and k == "c"),
                     "reason": f"Because of the {w[j+2]} behaviour ({k})."} for j, k in enumerate("abcd")],
        "explanation": f"The **{w[4]}** step is right because the {w[5]} keeps the {w[6]} stable.",
        "references": [{"title": f"The {w[7]} guide", "url": f"https://docs.example.org/{o}/{w[7]}"}],
    }
    if multi:
        q["choose"] = 2
    return q

for start in range(0, n, 1000):
    qs = [question(i) for i in range(start, min(n, start + 1000))]
    doc = {"$schema": "../../schema/questions.schema.json", "questions": qs}
    (out / "questions" / f"gen-{start // 1000:03d}.json").write_text(json.dumps(doc, indent=2))
