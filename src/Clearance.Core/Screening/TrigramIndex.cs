namespace Clearance.Core.Screening;

/// <summary>
/// Strings indexed by their padded character trigrams ("^ab", "abc", "bc$"), each trigram's strings sorted by length,
/// for finding the strings that share enough trigrams with a token to be within some number of edits of it (the q-gram
/// lemma: strings within k edits share at least longer length − 3k padded trigrams, since an edit changes at most three).
/// </summary>
internal sealed class TrigramIndex
{
    private const int Alphabet = 38;

    private readonly int[][] _postings;
    private readonly int[] _lengths;

    /// <param name="strings">The strings, by id.</param>
    /// <param name="indexed">Which of them to index (the others are never found).</param>
    public TrigramIndex(IReadOnlyList<string> strings, Func<string, bool> indexed)
    {
        _lengths = [.. strings.Select(s => s.Length)];
        var postings = new List<int>[Alphabet * Alphabet * Alphabet];
        Span<int> codes = stackalloc int[64];
        for (var id = 0; id < strings.Count; id++)
        {
            if (!indexed(strings[id]))
            {
                continue;
            }

            foreach (var code in Trigrams(strings[id], codes))
            {
                var list = postings[code] ??= [];
                if (list.Count == 0 || list[^1] != id)
                {
                    list.Add(id);
                }
            }
        }

        _postings = [.. postings.Select(p => p is null ? [] : p.Distinct().OrderBy(id => _lengths[id]).ThenBy(id => id).ToArray())];
    }

    /// <summary>
    /// The ids of the strings of a length in [<paramref name="minLength"/>, <paramref name="maxLength"/>] that share at
    /// least <c>needed[longer length]</c> padded trigrams with the token (and at least one; lengths past the table use its
    /// last entry). <paramref name="counts"/> is all zeros on entry and on return; the result is <paramref name="found"/>,
    /// cleared first.
    /// </summary>
    public List<int> Neighbours(ReadOnlySpan<char> token, int minLength, int maxLength, ReadOnlySpan<int> needed, int[] counts, List<int> found)
    {
        Span<int> codes = stackalloc int[64];
        found.Clear();
        foreach (var code in Trigrams(token, codes))
        {
            var postings = _postings[code];
            for (var k = FirstOfLength(postings, minLength); k < postings.Length; k++)
            {
                var id = postings[k];
                if (_lengths[id] > maxLength)
                {
                    break;
                }

                if (counts[id]++ == 0)
                {
                    found.Add(id);
                }
            }
        }

        var kept = 0;
        for (var t = 0; t < found.Count; t++)
        {
            var id = found[t];
            if (counts[id] >= needed[Math.Min(Math.Max(token.Length, _lengths[id]), needed.Length - 1)])
            {
                found[kept++] = id;
            }

            counts[id] = 0;
        }

        found.RemoveRange(kept, found.Count - kept);
        return found;
    }

    /// <summary>
    /// The ids of a list of this index's strings sorted by length (such as a posting list, or any list of the same
    /// strings kept by length) whose length is in [<paramref name="shortest"/>, <paramref name="longest"/>].
    /// </summary>
    public ReadOnlySpan<int> OfLengths(int[] ids, int shortest, int longest)
    {
        var start = FirstOfLength(ids, shortest);
        var end = start;
        while (end < ids.Length && _lengths[ids[end]] <= longest)
        {
            end++;
        }

        return ids.AsSpan(start, end - start);
    }

    /// <summary>The position of the first id with at least <paramref name="shortest"/> letters in a list of ids sorted by length.</summary>
    private int FirstOfLength(int[] ids, int shortest)
    {
        int lo = 0, hi = ids.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_lengths[ids[mid]] < shortest)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The padded trigrams of a token as integer codes (tokens of up to 64 characters; the rest is not read).</summary>
    private static ReadOnlySpan<int> Trigrams(ReadOnlySpan<char> token, Span<int> buffer)
    {
        var padded = Math.Min(token.Length + 2, buffer.Length + 2);
        var count = 0;
        for (var i = 0; i + 3 <= padded && count < buffer.Length; i++)
        {
            var code = 0;
            for (var k = i; k < i + 3; k++)
            {
                var c = k == 0 ? '^' : k == padded - 1 ? '$' : token[k - 1];
                code = (code * Alphabet) + Code(c);
            }

            buffer[count++] = code;
        }

        return buffer[..count];
    }

    private static int Code(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= '0' and <= '9' => 26 + (c - '0'),
        _ => 36,
    };
}
