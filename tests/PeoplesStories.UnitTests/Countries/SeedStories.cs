using PeoplesStories.Archive.Text;

namespace PeoplesStories.UnitTests.Countries;

/// <summary>
/// A crude split of the seed archive page into its two stories (the real parser lives elsewhere): title line, then
/// the lines up to the next title (or the footer), without blank lines, URL-only lines and the byline.
/// </summary>
internal static class SeedStories
{
    public const string Title1 = "Cambodian authorities are not doing enough to stop scamming compounds";
    public const string Title2 = "Democratic institutions offer the best framework for addressing social injustices";
    private const string Footer = "Visit the related web page";

    public static (string Title, IReadOnlyList<string> Texts) Story1 => Stories.Value[0];

    public static (string Title, IReadOnlyList<string> Texts) Story2 => Stories.Value[1];

    private static readonly Lazy<List<(string Title, IReadOnlyList<string> Texts)>> Stories = new(Read);

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PeoplesStories.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PeoplesStories.sln not found above " + AppContext.BaseDirectory);
    }

    private static List<(string Title, IReadOnlyList<string> Texts)> Read()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "seeds", "000_bc923a49c6dd647c.txt"))
            .Select(TextFolding.TrimFiller)
            .ToList();
        var first = lines.IndexOf(Title1);
        var second = lines.IndexOf(Title2);
        var footer = lines.IndexOf(Footer);
        Assert.True(first >= 0 && second > first && footer > second, "the seed layout changed");
        return [(Title1, Texts(lines, first + 1, second)), (Title2, Texts(lines, second + 1, footer))];
    }

    private static List<string> Texts(List<string> lines, int from, int to)
    {
        var texts = new List<string>();
        var afterTitle = true;
        for (var i = from; i < to; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            if (afterTitle && line.StartsWith("by ", StringComparison.Ordinal))
            {
                afterTitle = false;
                continue;
            }

            afterTitle = false;
            if (line.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(IsUrl))
            {
                continue;
            }

            texts.Add(line);
        }

        return texts;
    }

    private static bool IsUrl(string word) =>
        word.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || word.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || word.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
}
