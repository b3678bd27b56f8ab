#!/usr/bin/env python3
"""Regenerates the bad-content corpus: one folder per case, each a copy of
quiz-author/tests/fixtures/good with exactly one thing broken, plus expect.json.

expect.json: {"exit": 1, "file": "questions/tiny.json" | null, "rule": "...",
              "deny_warnings": false, "what": "..."}
"file" is the file the diagnostic must name (relative to the case), or null for a finding about
the bank as a whole. quiz-author/tests/bad_content.rs runs the real binary on every folder.
The 64 MB case (file-too-large) is made by that test in a temporary folder, not committed.

Run from anywhere: python3 tests/bad-content/generate.py
"""
import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOOD = HERE.parent.parent / "quiz-author" / "tests" / "fixtures" / "good"
BP_SCHEMA = "../../../content/schema/blueprint.schema.json"
Q_SCHEMA = "../../../../content/schema/questions.schema.json"


def base():
    bp = json.loads((GOOD / "blueprint.json").read_text())
    qs = json.loads((GOOD / "questions" / "tiny.json").read_text())
    bp["$schema"] = BP_SCHEMA
    qs["$schema"] = Q_SCHEMA
    return bp, qs


def dump(v):
    return (json.dumps(v, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


CASES = {}


def filler(n, topic, stem):
    """A further valid single-select question for objective beta-two (key a), for the rules that
    need more questions before they judge a bank."""
    return {
        "id": f"beta-two-{n:02}", "objective": "beta-two", "kind": "single", "difficulty": "easy", "tags": ["tiny"],
        "stem": stem,
        "options": [{"id": x, "text": f"Claim {x.upper()} on {topic}", "correct": x == "a", "reason": f"Reason for {x}."}
                    for x in "abcd"],
        "explanation": f"Explanation about {topic}.",
        "references": [{"title": f"Manual: {topic}", "url": f"https://docs.example.org/manual/{n}"}],
    }


def case(name, rule, file="questions/tiny.json", deny_warnings=False, what=""):
    def register(fn):
        CASES[name] = (fn, {"exit": 1, "file": file, "rule": rule, "deny_warnings": deny_warnings, "what": what})
        return fn
    return register


# Each function gets (bp, qs) and returns {relative path: bytes or None (= delete)}; files not
# returned are written unchanged.

@case("json-syntax", "json-syntax", what="a missing comma between two properties")
def _(bp, qs):
    text = dump(qs).decode()
    broken = text.replace('"kind": "single",', '"kind": "single"', 1)
    assert broken != text
    return {"questions/tiny.json": broken.encode()}


@case("schema-wrong-type", "schema", what='"correct": "yes" (a string, not a boolean)')
def _(bp, qs):
    qs["questions"][0]["options"][0]["correct"] = "yes"


@case("schema-blueprint-wrong-type", "schema", file="blueprint.json", what='"question_count": "4" (a string)')
def _(bp, qs):
    bp["question_count"] = "4"


@case("null", "schema", what="the questions file is the JSON literal null")
def _(bp, qs):
    return {"questions/tiny.json": b"null"}


@case("empty", "empty-file", what="the questions file is empty")
def _(bp, qs):
    return {"questions/tiny.json": b""}


@case("whitespace-only", "empty-file", what="the questions file holds only whitespace")
def _(bp, qs):
    return {"questions/tiny.json": b"  \n\t\n"}


@case("deep-nesting", "json-syntax", what="100,000 nested arrays")
def _(bp, qs):
    return {"questions/tiny.json": b"[" * 100_000 + b"]" * 100_000}


@case("deep-nesting-objects", "json-syntax", what='100,000 nested objects {"a":{"a":...}}')
def _(bp, qs):
    return {"questions/tiny.json": b'{"a":' * 100_000 + b"1" + b"}" * 100_000}


@case("utf16-bom", "invalid-utf8", what="the questions file saved as UTF-16 LE with a BOM")
def _(bp, qs):
    return {"questions/tiny.json": b"\xff\xfe" + dump(qs).decode().encode("utf-16-le")}


@case("latin1", "invalid-utf8", what="a stem with an é saved as Latin-1")
def _(bp, qs):
    qs["questions"][0]["stem"] = "Question 1 about lighthouses: which café statement is right?"
    return {"questions/tiny.json": dump(qs).decode().encode("latin-1")}


@case("no-blueprint", "no-blueprint", file=None, what="blueprint.json deleted")
def _(bp, qs):
    return {"blueprint.json": None}


@case("two-blueprints", "two-blueprints", file="questions/blueprint.json", what="a second blueprint.json in questions/")
def _(bp, qs):
    return {"questions/blueprint.json": dump(bp)}


@case("duplicate-question-id", "duplicate-question-id")
def _(bp, qs):
    qs["questions"][1]["id"] = qs["questions"][0]["id"]


@case("duplicate-blueprint-id", "duplicate-blueprint-id", file="blueprint.json", what="two objectives share an id")
def _(bp, qs):
    # beta-two has no questions once renamed, so move its questions and note to alpha-one's id
    # would change more than one thing; instead reuse a section id for an objective... keep it to
    # one edit: the beta section takes the alpha section's id.
    bp["domains"][1]["sections"][0]["id"] = bp["domains"][0]["sections"][0]["id"]


@case("unknown-objective", "unknown-objective")
def _(bp, qs):
    qs["questions"][0]["objective"] = "no-such-objective"


@case("single-needs-one-correct", "single-needs-one-correct", what="a single-select question with two correct options")
def _(bp, qs):
    qs["questions"][0]["options"][1]["correct"] = True


@case("single-no-correct", "single-needs-one-correct", what="a single-select question with no correct option")
def _(bp, qs):
    qs["questions"][0]["options"][0]["correct"] = False


@case("multiple-needs-two-correct", "multiple-needs-two-correct", what="a multiple-select question with one correct option")
def _(bp, qs):
    qs["questions"][2]["options"][2]["correct"] = False


@case("choose-mismatch", "choose-mismatch", what="choose 3 with two correct options")
def _(bp, qs):
    qs["questions"][2]["choose"] = 3


@case("choose-on-single", "schema", what='"choose" on a single-select question: the schema refuses it before the rule runs')
def _(bp, qs):
    qs["questions"][0]["choose"] = 2


@case("duplicate-option-id", "duplicate-option-id")
def _(bp, qs):
    qs["questions"][0]["options"][1]["id"] = "a"


@case("option-count", "option-count", what="choose 2 of only 2 options (the schema allows 2..8, the rule wants more options than picks)")
def _(bp, qs):
    q = qs["questions"][2]
    q["options"] = [o for o in q["options"] if o["correct"]]


@case("option-count-too-many", "schema", what="nine options: the schema's maxItems refuses it before the rule runs")
def _(bp, qs):
    q = qs["questions"][0]
    for i in range(5):
        q["options"].append({"id": "e" + str(i), "text": f"Extra statement {i}", "correct": False, "reason": "Extra."})


@case("empty-text", "schema", what='a blank option text ("   "): the schema\'s pattern refuses it before the empty-text rule')
def _(bp, qs):
    qs["questions"][0]["options"][1]["text"] = "   "


@case("weights-sum", "weights-sum", file="blueprint.json", what="weights 50 + 40")
def _(bp, qs):
    bp["domains"][1]["weight_percent"] = 40


@case("not-enough-questions", "not-enough-questions", file="blueprint.json", what="question_count 40 with 12 questions")
def _(bp, qs):
    bp["question_count"] = 40


@case("banned-option", "banned-option")
def _(bp, qs):
    qs["questions"][0]["options"][3]["text"] = "All of the above"


@case("duplicate-note", "duplicate-note")
def _(bp, qs):
    qs["notes"][1]["objective"] = qs["notes"][0]["objective"]


@case("objective-without-questions", "objective-without-questions", file="blueprint.json", deny_warnings=True)
def _(bp, qs):
    bp["domains"][1]["sections"][0]["objectives"].append({"id": "beta-three", "statement": "Know beta three.", "tier": 3})


@case("near-duplicate-stem", "near-duplicate-stem", deny_warnings=True)
def _(bp, qs):
    # The same words as question 1's stem (only the punctuation differs), in the same objective.
    qs["questions"][1]["stem"] = qs["questions"][0]["stem"].replace("right?", "right!")


@case("missing-reason", "missing-reason", deny_warnings=True)
def _(bp, qs):
    qs["questions"][0]["options"][1]["reason"] = ""


@case("answer-length-bias", "answer-length-bias", file=None, deny_warnings=True,
      what="the correct option is the longest in every single-select question (two more single-select "
           "questions are added: the rule needs at least ten to call it a bias)")
def _(bp, qs):
    for n, topic in [(4, "spoke tension"), (5, "chain wear")]:
        qs["questions"].append(filler(n, topic, f"When servicing a bicycle, what is true of {topic}?"))
    for q in qs["questions"]:
        if q["kind"] == "single":
            for o in q["options"]:
                if o["correct"]:
                    o["text"] += " because it covers every case that the documentation describes in detail"


@case("cue-exposes-key", "cue-exposes-key", deny_warnings=True,
      what="every wrong option carries a cue word (only, because, every) and the key none")
def _(bp, qs):
    options = qs["questions"][0]["options"]
    options[1]["text"] += " only"
    options[2]["text"] += " because of the fog"
    options[3]["text"] += " on every night"


@case("cue-asymmetry", "cue-asymmetry", file=None, deny_warnings=True,
      what="one wrong option of every question gives a reason and no key does (eight questions are added: "
           "the rule needs at least twenty to call it a bias)")
def _(bp, qs):
    for n, topic in enumerate(["tide tables", "fog horns", "lens cleaning", "keeper rotas", "storm logs",
                               "lamp oil", "radio beacons", "paint schedules"]):
        qs["questions"].append(filler(n + 4, topic, f"Which claim about {topic} holds for a coastal station?"))
    for q in qs["questions"]:
        wrong = next(o for o in q["options"] if not o["correct"])
        wrong["text"] += " since the keeper said so"


@case("missing-references", "missing-references", deny_warnings=True, what="a question without references")
def _(bp, qs):
    del qs["questions"][0]["references"]


@case("reference-url", "reference-url",
      what='a reference address with a quote in it (the schema\'s pattern lets it through; the rule does not)')
def _(bp, qs):
    qs["questions"][0]["references"][0]["url"] = 'https://docs.example.org/x"onmouseover="alert(1)'


@case("duplicate-reference", "duplicate-reference", what="the same page cited twice by one question")
def _(bp, qs):
    refs = qs["questions"][0]["references"]
    refs.append({"title": "The same page again", "url": refs[0]["url"]})


def main():
    for old in HERE.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
    for name, (fn, expect) in CASES.items():
        bp, qs = base()
        files = {"blueprint.json": dump(bp), "questions/tiny.json": dump(qs)}
        override = fn(bp, qs)
        if override is None:
            files = {"blueprint.json": dump(bp), "questions/tiny.json": dump(qs)}
        else:
            files.update(override)
        root = HERE / name
        for rel, data in files.items():
            if data is None:
                continue
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        (root / "expect.json").write_text(json.dumps(expect, indent=2) + "\n")
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()
