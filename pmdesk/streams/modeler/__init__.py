"""Reading real SPSS Modeler `.str` files: the Fast Infoset decoder, the nugget containers
(SCF and friends) and the mapping to `StreamInfo` (see docs/stream-info.md)."""
