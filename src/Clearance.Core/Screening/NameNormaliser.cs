using System.Collections.Frozen;
using System.Text;
using AnyAscii;

namespace Clearance.Core.Screening;

/// <summary>How much a name token says about identity: a distinctive word, a common word, or filler.</summary>
public enum TokenClass
{
    /// <summary>A distinctive word: a surname, a trade name.</summary>
    Distinctive,

    /// <summary>A word many organisations share ("bank", "trading", "international").</summary>
    Common,

    /// <summary>Particles and single letters ("al", "de", "of", "j").</summary>
    Filler,

    /// <summary>A number, which must match exactly: "CORP 1" is not "CORP 2".</summary>
    Number,
}

/// <summary>A name reduced to comparable tokens, with the legal-form words that were set aside.</summary>
public sealed record NormalisedName(string[] Tokens, string[] LegalForms)
{
    /// <summary>The tokens run together, for names split or joined differently ("AL SHANTI" and "ALSHANTI").</summary>
    public string Joined { get; } = string.Concat(Tokens);
}

/// <summary>
/// Reduces a name to lower-case ASCII tokens that can be compared across spellings: Latin/Cyrillic/Greek look-alike
/// letters mixed into a Latin name are folded to the Latin letter (so "ВАNК MЕLLI" typed with Cyrillic letters is
/// "bank melli"); every other script is transliterated with AnyAscii (Cyrillic, Greek, Arabic, CJK…); diacritics and
/// punctuation go; legal-form words (Co., Ltd., LLC, GmbH, OOO, 有限公司…) are set aside. Word order is kept here and
/// ignored by the scorer.
/// </summary>
public static class NameNormaliser
{
    /// <summary>Legal forms in their own scripts, removed before transliteration (longest first).</summary>
    private static readonly string[] NativeLegalForms =
    [
        "股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "株式会社", "有限会社", "주식회사", "유한회사", "集团公司", "集團公司", "公司",
    ];

    private static readonly FrozenSet<string> LegalForms = new[]
    {
        "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg",
        "sa", "sarl", "sas", "srl", "spa", "bv", "nv", "ab", "as", "oy", "oyj", "pte", "pty", "pvt", "sdn", "bhd", "jsc", "ojsc", "cjsc",
        "pjsc", "ooo", "oao", "zao", "pao", "ao", "tov", "kk", "fze", "fzco", "fzc", "fz", "llc", "ltda", "cia", "sl", "se", "kft", "zrt",
        "doo", "ead", "eood", "ad", "sp", "zoo", "spzoo", "sro", "as", "aps", "asa", "cv", "sapi", "de", "rl", "aktiengesellschaft", "gmbh", "mbh",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Legal forms written out in several words, removed as a whole (longest first).</summary>
    private static readonly string[][] LegalPhrases = new[]
    {
        "obshchestvo s ogranichennoy otvetstvennostyu", "obshchestvo s ogranichennoi otvetstvennostyu", "obshchestvo s ogranichennoj otvetstvennostju",
        "otkrytoe aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo", "publichnoe aktsionernoe obshchestvo", "aktsionernoe obshchestvo",
        "gesellschaft mit beschrankter haftung", "societatea cu raspundere limitata", "sociedad de responsabilidad limitada", "sociedad anonima",
        "societe anonyme", "societa per azioni", "open joint stock company", "closed joint stock company", "public joint stock company",
        "joint stock company", "limited liability company", "limited liability partnership", "private limited company", "public limited company",
        "sp z oo", "s de rl", "sa de cv", "s a", "z oo",
    }.Select(p => p.Split(' ')).OrderByDescending(p => p.Length).ToArray();

    // "de" and "rl" only count as a legal form right after another one ("S.A. DE C.V.", "S. DE R.L."): see IsLegalForm.
    private static readonly FrozenSet<string> TrailingOnly = new[] { "de", "rl", "cv", "as", "se", "ab", "ad" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Fillers = new[]
    {
        "al", "el", "ul", "bin", "ibn", "bint", "abu", "of", "the", "and", "de", "del", "la", "le", "da", "di", "do", "dos", "das", "du", "van", "von",
        "der", "den", "y", "e", "i", "et", "und", "for", "in", "mr", "mrs", "ms", "dr",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> CommonWords = new[]
    {
        "bank", "group", "trading", "trade", "international", "industries", "industrial", "industry", "holding", "holdings", "technology",
        "technologies", "tech", "import", "export", "general", "enterprise", "enterprises", "services", "service", "global", "national",
        "investment", "investments", "development", "company", "management", "shipping", "petroleum", "oil", "gas", "energy", "research",
        "institute", "university", "center", "centre", "engineering", "electronics", "electronic", "systems", "science", "sciences", "factory",
        "logistics", "commercial", "foreign", "organization", "organisation", "construction", "airlines", "air", "aviation", "marine", "exchange",
        "mohammad", "mohammed", "muhammad", "ali", "ahmad", "ahmed", "hassan", "hussein", "abdul", "abdullah", "china", "chinese", "iran", "russia",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Number words and ordinals, read as digits so "Brigade Forty-Four" meets "Brigade 44" and "1st" meets "First".</summary>
    private static readonly FrozenDictionary<string, int> NumberWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fourty"] = 40,
        ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10,
        ["1st"] = 1, ["2nd"] = 2, ["3rd"] = 3, ["4th"] = 4, ["5th"] = 5, ["6th"] = 6, ["7th"] = 7, ["8th"] = 8, ["9th"] = 9, ["10th"] = 10,
        ["ii"] = 2, ["iii"] = 3, ["iv"] = 4, ["vi"] = 6, ["vii"] = 7, ["viii"] = 8, ["ix"] = 9, ["xii"] = 12, ["xiii"] = 13, ["xiv"] = 14, ["xv"] = 15, ["xx"] = 20,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Abbreviations spelled out.</summary>
    private static readonly FrozenDictionary<string, string> Abbreviations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["intl"] = "international", ["int"] = "international", ["dept"] = "department", ["univ"] = "university", ["natl"] = "national",
        ["mfg"] = "manufacturing", ["svcs"] = "services", ["tech"] = "technology", ["mohd"] = "mohammed", ["st"] = "saint",
        ["us"] = "united states", ["usa"] = "united states", ["uk"] = "united kingdom", ["uae"] = "united arab emirates",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Digits written for the letters they look like inside a word ("Ig0r Sech1n").</summary>
    private static readonly FrozenDictionary<char, char> DigitLookAlikes = new Dictionary<char, char>
    {
        ['0'] = 'o', ['1'] = 'i', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['8'] = 'b', ['9'] = 'g',
    }.ToFrozenDictionary();

    /// <summary>Cyrillic and Greek letters that look like Latin ones, mapped to the Latin letter they imitate.</summary>
    private static readonly FrozenDictionary<char, char> Homoglyphs = new Dictionary<char, char>
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c',
        ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ь'] = 'b',
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['Ё'] = 'E', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C',
        ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['І'] = 'I', ['Ї'] = 'I', ['Ј'] = 'J', ['Ѕ'] = 'S', ['Ԛ'] = 'Q', ['Ԝ'] = 'W',
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u',
        ['χ'] = 'x', ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N',
        ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X',
    }.ToFrozenDictionary();

    public static NormalisedName Normalise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var ascii = ToAscii(Reorder(name));
        var words = RemoveLegalPhrases(Numbers(Words(ascii)), out var phrases);
        var tokens = new List<string>(words.Count);
        var legal = new List<string>(phrases);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var afterLegalForm = i > 0 && (legal.Count > 0 && LegalForms.Contains(words[i - 1]));
            if (LegalForms.Contains(word) && (!TrailingOnly.Contains(word) || afterLegalForm) && words.Count > 1)
            {
                legal.Add(word);
            }
            else
            {
                tokens.Add(word);
            }
        }

        if (tokens.Count == 0)
        {
            // A name made only of legal-form words ("S.A.") keeps them: an empty name would match nothing or everything.
            return new NormalisedName([.. words], []);
        }

        return new NormalisedName([.. tokens], [.. legal]);
    }

    /// <summary>"SURNAME, Given Names" (the lists' way of writing people) becomes "Given Names SURNAME"; "NAME, LTD." stays.</summary>
    private static string Reorder(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0 || name.IndexOf(',', comma + 1) >= 0)
        {
            return name;
        }

        var after = name[(comma + 1)..];
        var afterWords = Words(ToAscii(after));
        if (afterWords.Count == 0 || afterWords.Any(LegalForms.Contains))
        {
            return name;
        }

        return $"{after.Trim()} {name[..comma].Trim()}";
    }

    /// <summary>Number words become digits ("forty four" → "44", "first" → "1"); abbreviations are spelled out.</summary>
    private static List<string> Numbers(List<string> words)
    {
        var result = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = UnLeet(words[i]);
            if (Abbreviations.TryGetValue(word, out var spelled))
            {
                var parts = spelled.Split(' ');
                result.AddRange(parts[..^1]);
                word = parts[^1];
            }

            if (NumberWords.TryGetValue(word, out var value) && !(word.Length <= 3 && word[0] is 'i' or 'v' or 'x' && words.Count == 1))
            {
                // "forty four" and "forty 4": tens followed by a unit make one number.
                if (value is >= 20 and < 100 && value % 10 == 0 && i + 1 < words.Count)
                {
                    var next = words[i + 1];
                    var unit = NumberWords.TryGetValue(next, out var u) ? u : next.Length == 1 && char.IsAsciiDigit(next[0]) ? next[0] - '0' : -1;
                    if (unit is >= 1 and <= 9)
                    {
                        value += unit;
                        i++;
                    }
                }

                result.Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                result.Add(word);
            }
        }

        return result;
    }

    /// <summary>A digit between two letters stands for the letter it looks like: "sech1n" → "sechin"; "ar16" stays.</summary>
    private static string UnLeet(string word)
    {
        if (word.Length < 3 || word.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return word;
        }

        var chars = word.ToCharArray();
        var changed = false;
        for (var i = 1; i < chars.Length - 1; i++)
        {
            if (char.IsAsciiLetter(word[i - 1]) && char.IsAsciiLetter(word[i + 1]) && DigitLookAlikes.TryGetValue(word[i], out var letter))
            {
                chars[i] = letter;
                changed = true;
            }
        }

        return changed ? new string(chars) : word;
    }

    private static List<string> RemoveLegalPhrases(List<string> words, out List<string> removed)
    {
        removed = [];
        if (words.Count < 2)
        {
            return words;
        }

        var kept = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var matched = 0;
            foreach (var phrase in LegalPhrases)
            {
                if (i + phrase.Length <= words.Count && (phrase.Length < words.Count))
                {
                    var all = true;
                    for (var k = 0; k < phrase.Length && all; k++)
                    {
                        all = string.Equals(words[i + k], phrase[k], StringComparison.Ordinal);
                    }

                    if (all)
                    {
                        matched = phrase.Length;
                        removed.Add(string.Join(' ', phrase));
                        break;
                    }
                }
            }

            if (matched > 0)
            {
                i += matched - 1;
            }
            else
            {
                kept.Add(words[i]);
            }
        }

        return kept;
    }

    /// <summary>The class of a normalised token, which sets its weight in the score.</summary>
    public static TokenClass Classify(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.AsSpan().IndexOfAnyInRange('0', '9') >= 0)
        {
            return TokenClass.Number;
        }

        if (token.Length == 1 || Fillers.Contains(token))
        {
            return TokenClass.Filler;
        }

        return CommonWords.Contains(token) ? TokenClass.Common : TokenClass.Distinctive;
    }

    /// <summary>Folds look-alikes in mixed-script words, then transliterates everything else to ASCII.</summary>
    internal static string ToAscii(string name)
    {
        var text = name;
        foreach (var form in NativeLegalForms)
        {
            if (text.Contains(form, StringComparison.Ordinal))
            {
                text = text.Replace(form, " ", StringComparison.Ordinal);
            }
        }

        var hasLatin = false;
        var hasOther = false;
        foreach (var c in text)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
            {
                hasLatin = true;
            }
            else if (c > '\u007f')
            {
                hasOther = true;
            }
        }

        if (!hasOther)
        {
            return text;
        }

        if (hasLatin)
        {
            text = FoldHomoglyphs(text);
        }

        return text.Transliterate();
    }

    /// <summary>In a name that has Latin letters, a word is folded when it mixes scripts or is made only of look-alikes.</summary>
    private static string FoldHomoglyphs(string text)
    {
        var builder = new StringBuilder(text.Length);
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            var word = text.AsSpan(start, end - start);
            var latin = false;
            var allFoldable = true;
            foreach (var c in word)
            {
                latin |= c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
                if (c > '\u007f' && !Homoglyphs.ContainsKey(c))
                {
                    allFoldable = false;
                }
            }

            if (latin || allFoldable)
            {
                foreach (var c in word)
                {
                    builder.Append(Homoglyphs.TryGetValue(c, out var folded) ? folded : c);
                }
            }
            else
            {
                builder.Append(word);
            }

            while (end < text.Length && char.IsWhiteSpace(text[end]))
            {
                builder.Append(text[end]);
                end++;
            }

            start = end;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Lower-case words of letters and digits. Apostrophes join ("QAR'AWI" → "qarawi"); a dot after a single letter
    /// joins initials ("A.S.P." → "asp"); every other mark separates words.
    /// </summary>
    private static List<string> Words(string ascii)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var runLength = 0;
        for (var i = 0; i < ascii.Length; i++)
        {
            var c = ascii[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                runLength++;
                continue;
            }

            if (c is '\'' or '`' or '\u2019')
            {
                continue;
            }

            if (c == '.' && runLength == 1 && i + 1 < ascii.Length && char.IsAsciiLetter(ascii[i + 1]) && (i + 2 >= ascii.Length || !char.IsAsciiLetter(ascii[i + 2])))
            {
                // "A.S.P." — keep gathering initials into one word.
                runLength = 0;
                continue;
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            runLength = 0;
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
