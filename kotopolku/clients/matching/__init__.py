"""Finding a client by any spelling: search keys, search, duplicate check and merge.

* ``transliterate`` turns a name in any script into Latin tokens, a normalised form per token
  and coarser phonetic skeletons (variant spellings meet on the same skeleton);
* ``keys`` derives the ``ClientNameKey`` rows of a client and the lookup keys of a query;
* ``ranking`` scores candidates with rapidfuzz, token-order independent;
* ``selectors`` (``client_search``, ``client_duplicate_candidates``) and ``services``
  (``client_search_keys_refresh``, ``client_merge``) are what the rest of the product calls.
"""
