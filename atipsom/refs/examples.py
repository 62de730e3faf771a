"""Example references, written once for the messages, the command help and the API description that show a
reader how to name a provision. They are examples only: the code takes the work id from the Act's work.md."""

PROVISION = "act-670/sec_51__subsec_3"
PARAGRAPH = "act-670/sec_51__subsec_3__para_b"
VERSION = "act-670/sec_44@2015-11-18"
ORIGINAL = "act-670/sec_44@"
AS_AT = "act-670/sec_44:2012-06-01"
PROVISION_AS_AT = "act-670/sec_44__subsec_2:2012-06-01"
DOCUMENT_ID = "act-670/sec_51__subsec_3__para_b@2008-02-28"
AMENDING_ACT = "act-a1500"
