#!/usr/bin/env python3
"""Regenerates the shared ISO code lists from Debian's iso-codes package (apt-get install iso-codes)."""
import json
import subprocess
from pathlib import Path

root = Path(__file__).resolve().parent.parent
vocabulary = root / "services/shared/Vocabulary"
source = Path("/usr/share/iso-codes/json")
version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"], capture_output=True, text=True).stdout.split("-")[0]

languages = {}
for entry in json.loads((source / "iso_639-3.json").read_text())["639-3"]:
    languages[entry["alpha_3"]] = entry["name"]
    if "alpha_2" in entry:
        languages[entry["alpha_2"]] = entry["name"]
countries = sorted(entry["alpha_2"] for entry in json.loads((source / "iso_3166-1.json").read_text())["3166-1"])

def write(name, source_file, description, lines):
    header = (f"# Generated from Debian's iso-codes {version} (/usr/share/iso-codes/json/{source_file}): every\n"
              f"# {description}, one per line. Regenerate with scripts/generate-iso-codes.py.\n")
    (vocabulary / name).write_text(header + "\n".join(lines) + "\n")

write("iso-639-codes.txt", "iso_639-3.json", "ISO 639-3 code and every ISO 639-1 code with its English name, tab-separated",
      [f"{code}\t{languages[code]}" for code in sorted(languages)])
write("iso-3166-1-alpha-2.txt", "iso_3166-1.json", "ISO 3166-1 alpha-2 code", countries)
