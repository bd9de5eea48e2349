#!/usr/bin/env python3
"""Writes uci-digits.bin, the UCI handwritten digits in the package's own small binary layout.

    pip install scikit-learn && python3 Sources/Datasets/Resources/convert-uci-digits.py

Source: the test set of "Optical Recognition of Handwritten Digits" (E. Alpaydin and C. Kaynak,
1998; UCI Machine Learning Repository, dataset 80,
https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits), as scikit-learn
ships it (`sklearn.datasets.load_digits`): 1,797 images of 8 × 8 pixels with values 0…16, by 13
writers who did not write the training set. Licence: Creative Commons Attribution 4.0 International
(CC BY 4.0), as the UCI repository lists it for this dataset.

Layout (read by `UCIDigits.load()` in Sources/Datasets/UCIDigits.swift): the 8 bytes "OPTDIG01",
the image count as a little-endian UInt32, then for each image one byte for its label (0…9) and
64 bytes for its pixels (row by row, 0…16). The book itself never needs Python; this script only
rebuilds the committed file.
"""

import os
import struct

from sklearn.datasets import load_digits

digits = load_digits()
out = bytearray(b"OPTDIG01")
out += struct.pack("<I", len(digits.target))
for label, image in zip(digits.target, digits.data):
    out.append(int(label))
    out += bytes(int(value) for value in image)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "uci-digits.bin")
with open(path, "wb") as file:
    file.write(out)
print(f"wrote {path}: {len(digits.target)} images, {len(out)} bytes")
