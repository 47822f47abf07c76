using System.Globalization;
using System.Text;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Parsing;

namespace PeoplesStories.Fuzzing;

/// <summary>An input the parser failed on, and how.</summary>
public sealed record FuzzFailure(string Kind, string Reason, byte[] Input);

/// <summary>What a run did: inputs tried, the bytes they held, and every failure.</summary>
public sealed record FuzzReport(long Inputs, long Bytes, TimeSpan Elapsed, IReadOnlyList<FuzzFailure> Failures);

/// <summary>
/// A mutation fuzzer for <see cref="ArchiveParser"/>: it takes real pages (the seed, the regression
/// fixtures), damages them the ways files get damaged (bit flips, truncations, splices of two pages,
/// duplicated and swapped lines, huge lines, invalid UTF-8, NULs and control characters, line-ending
/// changes, format keywords in the wrong place) and checks every answer: no exception, no hang
/// beyond the per-input timeout, and either stories or errors that each name a line of the file.
/// Deterministic for a given seed, so a failure can be replayed.
/// </summary>
public sealed class ArchiveFuzzer(IReadOnlyList<byte[]> corpus, int seed, TimeSpan perInputTimeout)
{
    private static readonly byte[][] Tokens =
    [
        "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\r"u8.ToArray(), "\u00A0\n"u8.ToArray(), "by "u8.ToArray(), "by \n"u8.ToArray(),
        "People's Stories Freedom\n"u8.ToArray(), "People's Stories\n"u8.ToArray(), "Submit a Story Search by keyword and country Guestbook\n"u8.ToArray(),
        "June 2025\n"u8.ToArray(), "15 March 2024\n"u8.ToArray(), "2024\n"u8.ToArray(), "Undated\n"u8.ToArray(),
        "https://example.org/2024/03/x\n"u8.ToArray(), "http://\n"u8.ToArray(), "https://[::1\n"u8.ToArray(), "http://x y\n"u8.ToArray(),
        "Headline (Agency)\n"u8.ToArray(), "((((((((\n"u8.ToArray(), "View previous stories\n"u8.ToArray(), "\uFEFF"u8.ToArray(),
        [0xC3], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x00], [0x07], [0x1B], [0x7F],
        "\u2028"u8.ToArray(), "\u202E"u8.ToArray(), "\u0301\u0301\u0301"u8.ToArray(), "😀"u8.ToArray(),
    ];

    /// <summary>Inputs are kept under this size: far above any real page, small enough to try many.</summary>
    private const int MaxInputBytes = 4 * 1024 * 1024;

    private readonly Random random = new(seed);

    /// <summary>Mutates and parses until <paramref name="duration"/> has passed or <paramref name="maxInputs"/> were tried.</summary>
    public FuzzReport Run(TimeSpan duration, long maxInputs = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfZero(corpus.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failures = new List<FuzzFailure>();
        long inputs = 0, bytes = 0;
        while (clock.Elapsed < duration && inputs < maxInputs)
        {
            var input = Mutate();
            inputs++;
            bytes += input.Length;
            if (Check(input, perInputTimeout) is { } failure)
            {
                failures.Add(failure);
                if (failure.Kind == "hang")
                {
                    // The parse is still running on its thread; carrying on would measure nothing.
                    break;
                }
            }
        }

        return new FuzzReport(inputs, bytes, clock.Elapsed, failures);
    }

    /// <summary>Parses one input and says what is wrong with the answer, or null when it is sound.</summary>
    public static FuzzFailure? Check(byte[] input, TimeSpan timeout) =>
        CheckWith(bytes => ArchiveParser.Default.Parse("fuzz.txt", bytes), input, timeout);

    /// <summary>As <see cref="Check"/>, with the parse given (so a test can show the check catches a throw or a hang).</summary>
    public static FuzzFailure? CheckWith(Func<byte[], ArchiveFile> parser, byte[] input, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parse = Task.Factory.StartNew(() => parser(input), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            if (!parse.Wait(timeout))
            {
                return new FuzzFailure("hang", $"no answer within {timeout.TotalSeconds:F0} s for {input.Length} bytes", input);
            }
        }
        catch (AggregateException exception)
        {
            var inner = exception.InnerException!;
            return new FuzzFailure("exception", $"{inner.GetType().Name}: {inner.Message}\n{inner.StackTrace}", input);
        }

        var reason = Problem(parse.Result, input);
        return reason is null ? null : new FuzzFailure("answer", reason, input);
    }

    /// <summary>Records or a clear error: errors name a line within the file and say something; a file without errors has a section and stories.</summary>
    private static string? Problem(ArchiveFile file, byte[] input)
    {
        var lines = input.Count(b => b == (byte)'\n') + input.Count(b => b == (byte)'\r') + 1;
        foreach (var diagnostic in file.Errors.Concat(file.Warnings))
        {
            if (diagnostic.Line < 0 || diagnostic.Line > lines + 1)
            {
                return $"line {diagnostic.Line} is outside the file's {lines} lines: {diagnostic.Message}";
            }

            if (diagnostic.Message.Length < 20)
            {
                return $"an unclear message at line {diagnostic.Line}: \"{diagnostic.Message}\"";
            }
        }

        if (file.HasErrors)
        {
            return file.Stories.Count == 0 ? null : "a file with errors still returned stories";
        }

        if (string.IsNullOrWhiteSpace(file.Section) || file.Stories.Count == 0)
        {
            return "no error, yet no section or no story";
        }

        foreach (var story in file.Stories)
        {
            if (string.IsNullOrWhiteSpace(story.Title) || story.Updates.Count == 0)
            {
                return $"a story without a title or updates at line {story.Line}";
            }

            if (story.Updates.SelectMany(u => u.Links).FirstOrDefault(l => !l.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !l.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) is { } link)
            {
                return $"a link that is not http(s): {link.Url}";
            }
        }

        return null;
    }

    private byte[] Mutate()
    {
        var data = corpus[random.Next(corpus.Count)].ToList();
        var rounds = 1 + random.Next(random.Next(2) == 0 ? 3 : 12);
        for (var i = 0; i < rounds; i++)
        {
            MutateOnce(data);
            if (data.Count > MaxInputBytes)
            {
                data.RemoveRange(MaxInputBytes, data.Count - MaxInputBytes);
            }
        }

        return data.ToArray();
    }

    private void MutateOnce(List<byte> data)
    {
        var at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
        switch (random.Next(12))
        {
            case 0 when data.Count > 0: // bit flips
                for (var n = random.Next(1, 8); n > 0; n--)
                {
                    var i = random.Next(data.Count);
                    data[i] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1 when data.Count > 0: // truncation
                data.RemoveRange(at == data.Count ? data.Count - 1 : at, data.Count - (at == data.Count ? data.Count - 1 : at));
                break;
            case 2 when data.Count > 0: // a range deleted
                data.RemoveRange(Math.Min(at, data.Count - 1), Math.Min(random.Next(1, 400), data.Count - Math.Min(at, data.Count - 1)));
                break;
            case 3: // splice: a slice of another page
                var other = corpus[random.Next(corpus.Count)];
                var start = random.Next(other.Length);
                data.InsertRange(at, other.AsSpan(start, Math.Min(random.Next(1, 2000), other.Length - start)).ToArray());
                break;
            case 4: // line duplication
            case 5: // line swap
                MutateLines(data, duplicate: random.Next(2) == 0);
                break;
            case 6: // a huge line
                var unit = random.Next(3) switch { 0 => "a"u8.ToArray(), 1 => "é "u8.ToArray(), _ => "(x) "u8.ToArray() };
                var size = random.Next(4) > 0 ? random.Next(1_000, 100_000) : random.Next(200_000, 1_000_000);
                data.InsertRange(at, Enumerable.Repeat(unit, size / unit.Length).SelectMany(b => b).ToArray());
                break;
            case 7: // line endings changed throughout
                var crlf = random.Next(2) == 0 ? "\r\n"u8.ToArray() : "\r"u8.ToArray();
                var converted = data.SelectMany(b => b == (byte)'\n' ? crlf : [b]).ToList();
                data.Clear();
                data.AddRange(converted);
                break;
            default: // a token of the format, or of broken text, in the wrong place
                data.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                break;
        }
    }

    private void MutateLines(List<byte> data, bool duplicate)
    {
        var lines = Encoding.Latin1.GetString(data.ToArray()).Split('\n').ToList();
        if (lines.Count < 2)
        {
            return;
        }

        var a = random.Next(lines.Count);
        var b = random.Next(lines.Count);
        if (duplicate)
        {
            lines.InsertRange(b, Enumerable.Repeat(lines[a], random.Next(1, lines[a].Length < 1000 && random.Next(2) == 0 ? 500 : 3)));
        }
        else
        {
            (lines[a], lines[b]) = (lines[b], lines[a]);
        }

        data.Clear();
        data.AddRange(Encoding.Latin1.GetBytes(string.Join('\n', lines)));
    }

    /// <summary>The inputs a run starts from: every page in the given folders (the seed, the regression fixtures).</summary>
    public static IReadOnlyList<byte[]> LoadCorpus(params string[] folders) =>
        folders.Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.txt"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToList();

    /// <summary>A one-line summary of a run.</summary>
    public static string Summary(FuzzReport report, int seed)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Create(CultureInfo.InvariantCulture,
            $"fuzz: seed {seed}, {report.Inputs} inputs ({report.Bytes / 1048576.0:F1} MB) in {report.Elapsed.TotalSeconds:F1} s, {report.Inputs / Math.Max(report.Elapsed.TotalSeconds, 0.001):F0} inputs/s; {report.Failures.Count(f => f.Kind == "exception")} exceptions, {report.Failures.Count(f => f.Kind == "hang")} hangs, {report.Failures.Count(f => f.Kind == "answer")} unclear answers");
    }
}
