namespace PeoplesStories.Testing;

/// <summary>Builds archive pages for tests, laid out as the original site wrote them.</summary>
internal static class ArchiveText
{
    public const string Nbsp = "\u00A0";
    public const string Footer = "Submit a Story Search by keyword and country Guestbook";

    /// <summary>A page: header, the given lines, footer; joined with LF.</summary>
    public static string Page(string section, params string[] lines) =>
        string.Join("\n", new[] { $"People's Stories {section}", "", "View previous stories", "" }.Concat(lines).Concat(["", "View more stories", "", Footer]));

    /// <summary>A story's lines: title, byline, then each block separated by a U+00A0 line.</summary>
    public static string[] Story(string title, string byline, params string[] blocks) =>
        [title, "by " + byline, Nbsp, .. blocks.SelectMany(b => new[] { b, Nbsp }), "", ""];
}
