"""Validates every line of a JSON Lines file against a JSON Schema; exits 1 on any failure."""
import json
import sys

import jsonschema


def main() -> int:
    schema_path, records_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    failures = count = 0
    with open(records_path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            count += 1
            record = json.loads(line)
            for error in validator.iter_errors(record):
                failures += 1
                print(f"line {number} ({record.get('id')}): {error.json_path}: {error.message}")
            # The schema cannot say these: counts must agree with the text.
            text = record.get("text", "")
            if record.get("chars") != len(text):
                failures += 1
                print(f"line {number}: chars {record.get('chars')} != {len(text)}")
            paragraphs = 0 if text == "" else text.count("\n") + 1
            if record.get("paragraphs") != paragraphs:
                failures += 1
                print(f"line {number}: paragraphs {record.get('paragraphs')} != {paragraphs}")
    print(f"{count} records checked, {failures} problems")
    return 1 if failures or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
