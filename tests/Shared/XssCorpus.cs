using System.Globalization;
using System.Text;

namespace PeoplesStories.Testing;

/// <summary>The cross-site scripting payloads of <c>tests/Shared/xss-payloads.txt</c>, escapes decoded.</summary>
internal static class XssCorpus
{
    public static string File => Path.Combine(RepoPaths.Root, "tests", "Shared", "xss-payloads.txt");

    public static IReadOnlyList<string> Payloads { get; } = Load();

    /// <summary>Payloads that fit on one line of an archive page: no line break and no control character.</summary>
    public static IEnumerable<string> SingleLine => Payloads.Where(p => !p.Any(char.IsControl) && !p.Contains('\u2028', StringComparison.Ordinal) && !p.Contains('\u2029', StringComparison.Ordinal));

    private static List<string> Load() =>
        System.IO.File.ReadAllLines(File, Encoding.UTF8)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Decode)
            .ToList();

    /// <summary>Reads the file's escapes: \\ \n \t \f \uXXXX \UXXXXXXXX; any other backslash stays as written.</summary>
    private static string Decode(string line)
    {
        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '\\' || i + 1 == line.Length)
            {
                text.Append(line[i]);
                continue;
            }

            var next = line[i + 1];
            var hexLength = next switch { 'u' => 4, 'U' => 8, _ => 0 };
            if (hexLength > 0 && i + 2 + hexLength <= line.Length
                && int.TryParse(line.AsSpan(i + 2, hexLength), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                text.Append(char.ConvertFromUtf32(code));
                i += 1 + hexLength;
                continue;
            }

            var simple = next switch { '\\' => "\\", 'n' => "\n", 't' => "\t", 'f' => "\f", _ => null };
            if (simple is null)
            {
                text.Append('\\');
                continue;
            }

            text.Append(simple);
            i++;
        }

        return text.ToString();
    }
}
