using System.Globalization;
using System.Text;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Countries;

namespace PeoplesStories.Benchmarks;

/// <summary>
/// Generates archive pages of made-up stories shaped like the seed: titles naming countries,
/// bylines, one to three dated updates of two to four paragraphs, source-link lines, an occasional
/// headline and an occasional undated first update; about 1.5 KB a story, the size of a typical
/// news update (the seed's two stories are longer, about 13 KB each). Deterministic for a given seed.
/// </summary>
public sealed class SyntheticArchive(int seed = 20251128)
{
    private static readonly string[] Sections = ["Freedom", "Justice", "Women", "Children", "Labour", "Environment", "Refugees", "Press"];
    private static readonly string[] Bylines = ["Amnesty International, agencies", "Human Rights Watch", "OHCHR, agencies", "PBS, Education International, agencies", "The Guardian, Reuters", "Front Line Defenders"];
    private static readonly string[] Months = ["January", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."];
    private static readonly string[] Words =
    [
        "authorities", "detained", "journalists", "activists", "court", "report", "rights", "defenders", "police", "families",
        "workers", "villagers", "protest", "freedom", "torture", "trial", "sentenced", "released", "investigation", "government",
        "campaign", "lawyers", "testimony", "survivors", "displaced", "land", "water", "schools", "students", "union",
        "elections", "media", "censorship", "prison", "hunger", "strike", "community", "women", "children", "minority",
    ];

    private readonly Random random = new(seed);
    private readonly IReadOnlyList<Country> countries = CountryGazetteer.Default.Countries;

    /// <summary>Writes <paramref name="stories"/> stories into pages of <paramref name="perFile"/> stories in <paramref name="folder"/>.</summary>
    public IReadOnlyList<string> Write(string folder, int stories, int perFile = 100)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (int written = 0, page = 0; written < stories; page++)
        {
            var count = Math.Min(perFile, stories - written);
            var section = Sections[page % Sections.Length];
            var batch = Enumerable.Range(written, count).Select(i => Story(i, section)).ToList();
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{page:D6}_synthetic.txt"));
            File.WriteAllText(path, ArchiveWriter.WritePage(section, batch), new UTF8Encoding(false));
            files.Add(path);
            written += count;
        }

        return files;
    }

    private ArchiveStory Story(int index, string section)
    {
        var country = countries[random.Next(countries.Count)];
        var title = string.Create(CultureInfo.InvariantCulture, $"{country.Name}: {Sentence(6, false)} (case {index})");
        var updates = new List<ArchiveUpdate>();
        var year = 2010 + random.Next(16);
        var month = 1 + random.Next(12);
        var updateCount = 1 + random.Next(3);
        for (var u = 0; u < updateCount; u++)
        {
            var undated = u == 0 && random.Next(10) == 0;
            var date = new ArchiveDate(year, month);
            var paragraphs = Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Paragraph(country)).ToList();
            var links = Enumerable.Range(0, 1 + random.Next(4))
                .Select(l => ArchiveLink.FromUrl(string.Create(CultureInfo.InvariantCulture,
                    $"https://www.example{l}.org/news/{year}/{month:D2}/{index}-{u}-{l}")))
                .ToList();
            var headline = random.Next(5) == 0 ? Sentence(10, true) + " (OHCHR)" : null;
            updates.Add(new ArchiveUpdate(0, undated ? links[0].Date : date, undated ? null : $"{Months[month - 1]} {year}", undated, headline, paragraphs, links));
            (year, month) = month == 1 ? (year - 1, 12) : (year, month - 1);
        }

        return new ArchiveStory("", 0, title, Bylines[random.Next(Bylines.Length)], section, updates, []);
    }

    private string Paragraph(Country country)
    {
        var builder = new StringBuilder();
        var sentences = 1 + random.Next(3);
        for (var s = 0; s < sentences; s++)
        {
            builder.Append(Sentence(12 + random.Next(12), true)).Append(' ');
            if (random.Next(4) == 0)
            {
                builder.Append("In ").Append(country.Name).Append(", ").Append(Sentence(8, false)).Append(". ");
            }
        }

        return builder.ToString().TrimEnd();
    }

    private string Sentence(int words, bool period)
    {
        var builder = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            var word = Words[random.Next(Words.Length)];
            builder.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            if (w < words - 1)
            {
                builder.Append(' ');
            }
        }

        return period ? builder.Append('.').ToString() : builder.ToString();
    }
}
