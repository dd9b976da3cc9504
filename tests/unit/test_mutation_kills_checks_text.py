"""Tests that kill mutmut's survivors in helpers.checks (text rules), on constructed documents.

Every expected finding is worked out by hand from the figures the test prints (万元: 1.00
is 10,000 yuan), not with the code under test.
"""
