using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using PeoplesStories.Archive.Text;

namespace PeoplesStories.Archive.Countries;

/// <summary>
/// The countries and territories of ISO 3166-1 with their names, alternative names and demonyms, and a matcher that
/// finds them in story text. Built once (see <see cref="Default"/>) and then safe to use from any number of threads.
/// </summary>
/// <remarks>
/// Matching is case-sensitive on text folded by <see cref="TextFolding.FoldAccentsAndPunctuation"/>, on whole words;
/// the longest phrase wins over the names inside it (<c>South Sudan</c> is not <c>Sudan</c>), and blocker phrases of the
/// data file that are no country (<c>New Jersey</c>, <c>Latin America</c>) hide the names inside them. URLs
/// (<c>http://…</c>, <c>https://…</c>, <c>www.…</c>) are ignored. All-caps abbreviations (<c>US</c>, <c>UK</c>) tag nothing.
/// </remarks>
public sealed class CountryGazetteer
{
    /// <summary>Name of the embedded data file (<c>Countries/countries.tsv</c>).</summary>
    internal const string ResourceName = "PeoplesStories.Archive.countries.tsv";

    private static readonly string[] Header = ["code", "name", "region", "subregion", "alternatives", "demonyms"];

    private static readonly HashSet<string> Regions =
        new(["Africa", "Americas", "Antarctica", "Asia", "Europe", "Oceania"], StringComparer.Ordinal);

    private static readonly Lazy<CountryGazetteer> DefaultInstance = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Country> _byCode;
    private readonly Dictionary<string, Country> _byNameKey;
    private readonly PhraseMatcher _matcher;

    private CountryGazetteer(List<Country> countries, Dictionary<string, Country> byNameKey, PhraseMatcher matcher)
    {
        Countries = new ReadOnlyCollection<Country>(
            [.. countries.OrderBy(c => TextFolding.Key(c.Name), StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)]);
        _byCode = countries.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        _byNameKey = byNameKey;
        _matcher = matcher;
    }

    /// <summary>The gazetteer of the data file shipped with this library, loaded once on first use (thread-safe).</summary>
    public static CountryGazetteer Default => DefaultInstance.Value;

    /// <summary>Every country and territory, sorted by name (accents ignored: <c>Åland Islands</c> comes first).</summary>
    public IReadOnlyList<Country> Countries { get; }

    /// <summary>
    /// Loads a gazetteer from data in the format of <c>Countries/countries.tsv</c>: a tab-separated header
    /// (<c>code name region subregion alternatives demonyms</c>), then one row per country with <c>|</c> between
    /// alternatives, and rows whose code is <c>!</c> listing blocker phrases; <c>#</c> starts a comment line.
    /// </summary>
    /// <param name="data">The data to read; read to its end, not disposed.</param>
    /// <returns>The gazetteer.</returns>
    /// <exception cref="FormatException">The data is not valid; the message names the line (<c>line 12: …</c>).</exception>
    public static CountryGazetteer Load(TextReader data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var countries = new List<Country>();
        var byCode = new HashSet<string>(StringComparer.Ordinal);
        var byNameKey = new Dictionary<string, (Country Country, int Line)>(StringComparer.Ordinal);
        var patterns = new Dictionary<string, PhrasePattern>(StringComparer.Ordinal);
        var headerSeen = false;
        var lineNumber = 0;
        while (data.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.StartsWith('#') || TextFolding.IsFiller(line))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (!headerSeen)
            {
                if (fields.Length != Header.Length
                    || !fields.Select(f => f.Trim()).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
                {
                    throw Error(lineNumber, $"expected the header \"{string.Join("\\t", Header)}\"");
                }

                headerSeen = true;
                continue;
            }

            if (fields[0].Trim() == "!")
            {
                if (fields.Length != 2)
                {
                    throw Error(lineNumber, "a blocker row has two fields: \"!\" and its phrases separated by |");
                }

                foreach (var phrase in SplitNames(fields[1], lineNumber, "blocker phrases", required: true))
                {
                    AddPattern(patterns, phrase, null, lineNumber, plural: false);
                }

                continue;
            }

            if (fields.Length != Header.Length)
            {
                throw Error(lineNumber, $"expected {Header.Length} tab-separated fields, found {fields.Length}");
            }

            var code = fields[0].Trim();
            if (code.Length != 2 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1]))
            {
                throw Error(lineNumber, $"the code \"{code}\" is not two upper-case letters");
            }

            if (!byCode.Add(code))
            {
                throw Error(lineNumber, $"the code {code} appears twice");
            }

            var name = fields[1].Trim();
            var region = fields[2].Trim();
            var subRegion = fields[3].Trim();
            if (name.Length == 0)
            {
                throw Error(lineNumber, $"{code} has no name");
            }

            if (!Regions.Contains(region))
            {
                throw Error(lineNumber, $"{code} has the unknown region \"{region}\" (expected one of {string.Join(", ", Regions)})");
            }

            if (subRegion.Length == 0)
            {
                throw Error(lineNumber, $"{code} has no sub-region");
            }

            var country = new Country(code, name, region, subRegion);
            countries.Add(country);
            var names = new List<string> { name };
            names.AddRange(SplitNames(fields[4], lineNumber, "alternatives", required: false));
            foreach (var each in names)
            {
                AddPattern(patterns, each, code, lineNumber, plural: false);
                foreach (var key in NameKeys(each))
                {
                    if (byNameKey.TryGetValue(key, out var existing) && existing.Country.Code != code)
                    {
                        throw Error(lineNumber, $"the name \"{each}\" of {code} is already a name of {existing.Country.Code} (line {existing.Line})");
                    }

                    byNameKey[key] = (country, lineNumber);
                }
            }

            foreach (var demonym in SplitNames(fields[5], lineNumber, "demonyms", required: false))
            {
                AddPattern(patterns, demonym, code, lineNumber, plural: true);
            }
        }

        if (countries.Count == 0)
        {
            throw Error(Math.Max(lineNumber, 1), headerSeen ? "the data has no country" : "the data is empty");
        }

        return new CountryGazetteer(
            countries,
            byNameKey.ToDictionary(p => p.Key, p => p.Value.Country, StringComparer.Ordinal),
            new PhraseMatcher(patterns.Values));
    }

    /// <summary>The country with ISO code <paramref name="code"/> (any case), or null.</summary>
    /// <param name="code">A two-letter code such as <c>kh</c> or <c>KH</c>.</param>
    /// <returns>The country, or null when no country has that code.</returns>
    public Country? Find(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _byCode.GetValueOrDefault(code.Trim());
    }

    /// <summary>
    /// The country that has <paramref name="nameOrSlug"/> as its name or one of its alternative names, ignoring case,
    /// accents and punctuation: <c>cambodia</c>, <c>Cambodia</c>, <c>viet-nam</c> and <c>Côte d’Ivoire</c> are found.
    /// Demonyms and codes are not names.
    /// </summary>
    /// <param name="nameOrSlug">A name as written, or a URL slug of one.</param>
    /// <returns>The country, or null.</returns>
    public Country? FindByName(string nameOrSlug)
    {
        ArgumentNullException.ThrowIfNull(nameOrSlug);
        foreach (var key in NameKeys(nameOrSlug))
        {
            if (_byNameKey.TryGetValue(key, out var country))
            {
                return country;
            }
        }

        return null;
    }

    /// <summary>Every place where <paramref name="text"/> names a country, in text order; URLs are ignored.</summary>
    /// <param name="text">The text, as written (not folded).</param>
    /// <returns>The mentions, with index and length into <paramref name="text"/>.</returns>
    public IReadOnlyList<CountryMention> FindMentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = new List<RawMention>();
        _matcher.Scan(text, raw);
        return raw.ConvertAll(m => new CountryMention(m.Code, text.Substring(m.Index, m.Length), m.Index, m.Length));
    }

    /// <summary>
    /// The countries a story names in its title and texts. The primary country is the first named in the title; when
    /// the title names none, the one named most often (ties go to the one named first). The result lists the primary
    /// country first, then the others by number of mentions (most first), then by code.
    /// </summary>
    /// <param name="title">The story's title.</param>
    /// <param name="texts">The story's paragraphs and headlines, without URL lines or byline (URLs are ignored anyway).</param>
    /// <returns>The tags; empty when the story names no country.</returns>
    public IReadOnlyList<CountryTag> Tag(string title, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(texts);
        var tally = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var raw = new List<RawMention>();
        var order = 0;

        _matcher.Scan(title, raw);
        var primary = raw.Count > 0 ? raw[0].Code : null;
        Count(title, raw, tally, ref order);
        foreach (var text in texts)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(texts));
            raw.Clear();
            _matcher.Scan(text, raw);
            Count(text, raw, tally, ref order);
        }

        if (tally.Count == 0)
        {
            return [];
        }

        primary ??= tally
            .OrderByDescending(p => p.Value.Mentions)
            .ThenBy(p => p.Value.FirstOrder)
            .First().Key;

        return
        [
            .. tally
                .OrderByDescending(p => p.Key == primary)
                .ThenByDescending(p => p.Value.Mentions)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new CountryTag(p.Key, p.Value.Mentions, p.Key == primary, p.Value.FirstPhrase)),
        ];
    }

    /// <summary>Opens the embedded data file.</summary>
    internal static TextReader OpenDefaultData()
    {
        var stream = typeof(CountryGazetteer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        return new StreamReader(stream, Encoding.UTF8);
    }

    private static CountryGazetteer LoadDefault()
    {
        using var reader = OpenDefaultData();
        return Load(reader);
    }

    private static void Count(string text, List<RawMention> mentions, Dictionary<string, Tally> tally, ref int order)
    {
        foreach (var mention in mentions)
        {
            if (tally.TryGetValue(mention.Code, out var existing))
            {
                tally[mention.Code] = existing with { Mentions = existing.Mentions + 1 };
            }
            else
            {
                tally[mention.Code] = new Tally(1, order, text.Substring(mention.Index, mention.Length));
            }

            order++;
        }
    }

    private static void AddPattern(Dictionary<string, PhrasePattern> patterns, string phrase, string? code, int line, bool plural)
    {
        var pattern = PhrasePattern.Create(phrase, code, line, out var error)
            ?? throw Error(line, error ?? "unusable name");
        Add(pattern, phrase);
        if (plural && pattern.Plural() is { } pluralPattern)
        {
            Add(pluralPattern, phrase + "s");
        }

        void Add(PhrasePattern p, string written)
        {
            if (patterns.TryGetValue(p.Key, out var existing))
            {
                if (existing.Code == p.Code)
                {
                    return;
                }

                var what = existing.Code ?? "a blocker";
                throw Error(line, $"\"{written}\" is already listed for {what} (line {existing.Line})");
            }

            patterns.Add(p.Key, p);
        }
    }

    private static string[] SplitNames(string field, int line, string what, bool required)
    {
        var trimmed = field.Trim();
        if (trimmed.Length == 0)
        {
            if (required)
            {
                throw Error(line, $"the {what} are empty");
            }

            return [];
        }

        var names = trimmed.Split('|', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0))
        {
            throw Error(line, $"the {what} have an empty entry (\"||\" or a stray |)");
        }

        return names;
    }

    /// <summary>
    /// Lookup keys of a name or slug: folded, lower case, every run of non-letters one space; a second key drops the
    /// apostrophes (<c>cote-divoire</c> as well as <c>cote-d-ivoire</c>).
    /// </summary>
    private static IEnumerable<string> NameKeys(string nameOrSlug)
    {
        var key = TextFolding.Key(nameOrSlug);
        var spaced = Simplify(key);
        if (spaced.Length > 0)
        {
            yield return spaced;
        }

        if (key.Contains('\'', StringComparison.Ordinal))
        {
            var joined = Simplify(key.Replace("'", string.Empty, StringComparison.Ordinal));
            if (joined.Length > 0)
            {
                yield return joined;
            }
        }

        static string Simplify(string text)
        {
            var builder = new StringBuilder(text.Length);
            var pendingSpace = false;
            foreach (var c in text)
            {
                if (char.IsLetterOrDigit(c))
                {
                    if (pendingSpace && builder.Length > 0)
                    {
                        builder.Append(' ');
                    }

                    pendingSpace = false;
                    builder.Append(c);
                }
                else
                {
                    pendingSpace = true;
                }
            }

            return builder.ToString();
        }
    }

    private static FormatException Error(int line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Country data, line {line}: {message}"));

    private readonly record struct Tally(int Mentions, int FirstOrder, string FirstPhrase);
}
