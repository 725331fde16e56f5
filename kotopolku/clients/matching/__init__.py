"""Finding a client by any spelling: search keys, search, duplicate check and merge.

* ``transliterate`` turns a name in any script into Latin tokens, a normalised form per token
  and coarser phonetic skeletons (variant spellings meet on the same skeleton);
* ``keys`` derives the ``ClientNameKey`` rows of a client and the lookup keys of a query;
* ``ranking`` scores candidates with rapidfuzz, token-order independent;
* ``candidates`` reads the client ids sharing a query's keys, for both of:
* ``selectors`` (``client_search``) and ``duplicate_check`` (``client_duplicate_candidates``);
* ``linkage``, ``training`` and ``warning``: the Fellegi–Sunter model of the duplicate check, its
  parameters learned without labels, and its explanation in words; ``registration`` serialises
  registrations and raises ``PossibleDuplicates``;
* ``services`` (``client_search_keys_refresh``, ``client_merge``): the writes.

``selectors``, ``duplicate_check``, ``registration`` and ``services`` are what the rest of the
product calls.
"""
