#!/usr/bin/env python3
"""Adds or updates entries in a .resx file: tools/resx.py FILE KEY=VALUE [KEY=VALUE ...].

Keeps resource files tidy without Visual Studio's designer; values are XML-escaped.
"""
import sys
import xml.etree.ElementTree as ET

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
"""

def main(path, pairs):
    try:
        tree = ET.parse(path)
    except FileNotFoundError:
        open(path, "w", encoding="utf-8").write(HEADER)
        tree = ET.parse(path)
    root = tree.getroot()
    existing = {d.get("name"): d for d in root.findall("data")}
    for pair in pairs:
        key, value = pair.split("=", 1)
        node = existing.get(key)
        if node is None:
            node = ET.SubElement(root, "data", {"name": key, "xml:space": "preserve"})
            ET.SubElement(node, "value")
            existing[key] = node
        node.find("value").text = value
    ET.indent(tree, space="  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
