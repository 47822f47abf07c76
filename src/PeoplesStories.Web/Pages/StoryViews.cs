using PeoplesStories.Archive;

namespace PeoplesStories.Web.Pages;

public sealed record CountryLink(string Code, string Name);

public sealed record StorySummary(string Slug, string Title, string Byline, IReadOnlyList<CountryLink> Countries, UpdateOpening? Latest);

/// <summary>The first update of a story as a list shows it: its date and its opening words.</summary>
public sealed record UpdateOpening(DateOnly? DateValue, DatePrecision? Precision, string? DateText, bool DateInferred, string? Headline, string Body)
{
    public const int OpeningLength = 280;

    public string DateLabel => DateLabels.For(DateValue, Precision, DateText, DateInferred);

    public string? Opening
    {
        get
        {
            var text = Headline ?? Body.Split("\n\n", 2)[0];
            if (text.Length <= OpeningLength)
            {
                return text.Length == 0 ? null : text;
            }

            var cut = text.LastIndexOf(' ', OpeningLength);
            return string.Concat(text.AsSpan(0, cut > 0 ? cut : OpeningLength), "…");
        }
    }
}

public static class DateLabels
{
    /// <summary>"June 2025"; an inferred date as "c. 13 June 2025"; no date as "Undated".</summary>
    public static string For(DateOnly? value, DatePrecision? precision, string? text, bool inferred)
    {
        if (value is not { } start || precision is not { } p)
        {
            return "Undated";
        }

        var display = ArchiveDate.FromStart(start, p).ToDisplayString();
        return inferred ? $"c. {display}" : text ?? display;
    }
}
