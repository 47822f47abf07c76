using System.Globalization;
using System.Text.RegularExpressions;

namespace PeoplesStories.Archive;

/// <summary>How much of a date is known.</summary>
public enum DatePrecision
{
    /// <summary>Only the year, e.g. <c>2020</c>.</summary>
    Year = 1,

    /// <summary>Year and month, e.g. <c>June 2025</c>.</summary>
    Month = 2,

    /// <summary>A full calendar day, e.g. <c>15 March 2024</c>.</summary>
    Day = 3,
}

/// <summary>
/// A date known to a precision: a year, a month or a day. Sorts chronologically, with a less
/// precise date sorting before the more precise dates it contains.
/// </summary>
public readonly partial record struct ArchiveDate : IComparable<ArchiveDate>
{
    private static readonly Dictionary<string, int> MonthNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["january"] = 1, ["jan"] = 1,
        ["february"] = 2, ["feb"] = 2,
        ["march"] = 3, ["mar"] = 3,
        ["april"] = 4, ["apr"] = 4,
        ["may"] = 5,
        ["june"] = 6, ["jun"] = 6,
        ["july"] = 7, ["jul"] = 7,
        ["august"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9,
        ["october"] = 10, ["oct"] = 10,
        ["november"] = 11, ["nov"] = 11,
        ["december"] = 12, ["dec"] = 12,
    };

    /// <summary>The month names looked up by the matched text itself, without a string of it.</summary>
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> MonthNamesBySpan = MonthNames.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Creates a date, checking that the parts form a real calendar date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The parts do not form a real date.</exception>
    public ArchiveDate(int year, int? month = null, int? day = null)
    {
        if (!IsValid(year, month, day))
        {
            throw new ArgumentOutOfRangeException(nameof(year), $"{year}-{month}-{day} is not a calendar date.");
        }

        Year = year;
        Month = month;
        Day = day;
    }

    /// <summary>The year, 1000 to 9999.</summary>
    public int Year { get; }

    /// <summary>The month, 1 to 12, when known.</summary>
    public int? Month { get; }

    /// <summary>The day of the month, when known.</summary>
    public int? Day { get; }

    /// <summary>How much of the date is known.</summary>
    public DatePrecision Precision => Day is not null ? DatePrecision.Day : Month is not null ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>The first calendar day the date covers: the value to sort and filter on.</summary>
    public DateOnly Start => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last calendar day the date covers.</summary>
    public DateOnly End => Precision switch
    {
        DatePrecision.Day => Start,
        DatePrecision.Month => Start.AddMonths(1).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary>Builds a date from a sort value and a precision, as stored in a database.</summary>
    public static ArchiveDate FromStart(DateOnly start, DatePrecision precision) => precision switch
    {
        DatePrecision.Day => new ArchiveDate(start.Year, start.Month, start.Day),
        DatePrecision.Month => new ArchiveDate(start.Year, start.Month),
        _ => new ArchiveDate(start.Year),
    };

    /// <summary>
    /// Reads a date line as people write it: <c>June 2025</c>, <c>Aug. 2023</c>, <c>Sept. 2024</c>,
    /// <c>Dec 2022</c>, <c>2020</c>, <c>15 March 2024</c>, <c>March 15, 2024</c>, or the normalised
    /// forms <c>2024</c>, <c>2024-03</c>, <c>2024-03-15</c>.
    /// </summary>
    public static bool TryParse(string? text, out ArchiveDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var match = DateLinePattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = Number(match.Groups["y"].ValueSpan);
        int? month = null;
        int? day = null;
        if (match.Groups["mname"].Success)
        {
            month = MonthNamesBySpan[match.Groups["mname"].ValueSpan];
        }
        else if (match.Groups["m"].Success)
        {
            month = Number(match.Groups["m"].ValueSpan);
        }

        if (match.Groups["d"].Success)
        {
            day = Number(match.Groups["d"].ValueSpan);
        }

        if (!IsValid(year, month, day))
        {
            return false;
        }

        date = new ArchiveDate(year, month, day);
        return true;
    }

    /// <summary>Parses the normalised form written by <see cref="ToString"/>: <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.</summary>
    /// <exception cref="FormatException">The text is not in the normalised form.</exception>
    public static ArchiveDate ParseIso(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = IsoPattern().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.");
        }

        int? month = match.Groups["m"].Success ? Number(match.Groups["m"].ValueSpan) : null;
        int? day = match.Groups["d"].Success ? Number(match.Groups["d"].ValueSpan) : null;
        var year = Number(match.Groups["y"].ValueSpan);
        return IsValid(year, month, day)
            ? new ArchiveDate(year, month, day)
            : throw new FormatException($"'{text}' is not a calendar date.");
    }

    /// <summary>
    /// Finds the date a URL's path carries, e.g. <c>/2025/jun/13/</c>, <c>/2025/06/</c>,
    /// <c>/2025-06-13/</c> or <c>/20250613/</c>, at the precision it gives.
    /// </summary>
    public static bool TryFromUrl(string url, out ArchiveDate date)
    {
        date = default;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && TryFromPath(uri.AbsolutePath, out date);
    }

    /// <summary>Finds the date a URL path carries (see <see cref="TryFromUrl"/>).</summary>
    public static bool TryFromPath(string path, out ArchiveDate date)
    {
        ArgumentNullException.ThrowIfNull(path);
        date = default;

        // Most paths carry no four digits in a row; they need no pattern matching at all.
        if (!HasFourDigits(path))
        {
            return false;
        }

        for (var match = UrlDatePattern().Match(path); match.Success; match = match.NextMatch())
        {
            var year = Number(match.Groups["y"].ValueSpan);
            int? month = match.Groups["mname"].Success
                ? (MonthNamesBySpan.TryGetValue(match.Groups["mname"].ValueSpan, out var named) ? named : 0)
                : Number(match.Groups["m"].ValueSpan);
            int? day = match.Groups["d"].Success ? Number(match.Groups["d"].ValueSpan) : null;
            if (year is >= 1900 and <= 2100 && month is > 0 && IsValid(year, month, day))
            {
                date = new ArchiveDate(year, month, day);
                return true;
            }
        }

        return false;
    }

    /// <summary>The normalised form: <c>2020</c>, <c>2025-06</c> or <c>2024-03-15</c>.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Day => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}"),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>The date as a reader would write it: <c>2020</c>, <c>June 2025</c>, <c>13 June 2025</c>.</summary>
    public string ToDisplayString() => Precision switch
    {
        DatePrecision.Day => Start.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        DatePrecision.Month => Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public int CompareTo(ArchiveDate other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : Precision.CompareTo(other.Precision);
    }

    /// <summary>Compares by <see cref="CompareTo"/>.</summary>
    public static bool operator <(ArchiveDate left, ArchiveDate right) => left.CompareTo(right) < 0;

    /// <summary>Compares by <see cref="CompareTo"/>.</summary>
    public static bool operator >(ArchiveDate left, ArchiveDate right) => left.CompareTo(right) > 0;

    /// <summary>Compares by <see cref="CompareTo"/>.</summary>
    public static bool operator <=(ArchiveDate left, ArchiveDate right) => left.CompareTo(right) <= 0;

    /// <summary>Compares by <see cref="CompareTo"/>.</summary>
    public static bool operator >=(ArchiveDate left, ArchiveDate right) => left.CompareTo(right) >= 0;

    private static bool IsValid(int year, int? month, int? day)
    {
        if (year is < 1000 or > 9999 || (month is null && day is not null))
        {
            return false;
        }

        if (month is null)
        {
            return true;
        }

        if (month is < 1 or > 12)
        {
            return false;
        }

        return day is null || (day >= 1 && day <= DateTime.DaysInMonth(year, month.Value));
    }

    private static bool HasFourDigits(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run == 4)
            {
                return true;
            }
        }

        return false;
    }

    private static int Number(ReadOnlySpan<char> digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private const string MonthAlternatives =
        "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

    [GeneratedRegex(
        @"^(?:(?<y>\d{4})(?:-(?<m>\d{2})(?:-(?<d>\d{2}))?)?" +
        @"|(?<mname>" + MonthAlternatives + @")\.?,?\s+(?<y>\d{4})" +
        @"|(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?<mname>" + MonthAlternatives + @")\.?,?\s+(?<y>\d{4})" +
        @"|(?<mname>" + MonthAlternatives + @")\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4}))$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DateLinePattern();

    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?<m>\d{2})(?:-(?<d>\d{2}))?)?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex IsoPattern();

    // Most precise forms first: at each position the first alternative that fits wins.
    [GeneratedRegex(
        @"(?<=/)(?:(?<y>\d{4})/(?<mname>[a-z]{3,9})/(?<d>\d{1,2})(?=/|$)" +
        @"|(?<y>\d{4})/(?<m>\d{1,2})/(?<d>\d{1,2})(?=[/._-]|$)" +
        @"|(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(?=[/._-]|$)" +
        @"|(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})(?=[/._-]|$)" +
        @"|(?<y>\d{4})/(?<mname>[a-z]{3,9})(?=/|$)" +
        @"|(?<y>\d{4})/(?<m>\d{1,2})(?=/|$))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex UrlDatePattern();
}
