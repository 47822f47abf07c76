using System.Text;

namespace PeoplesStories.Archive.Text;

/// <summary>URL slugs: lower-case ASCII words joined by hyphens, e.g. "Côte d’Ivoire: a vote" → "cote-divoire-a-vote".</summary>
public static class Slug
{
    /// <summary>The longest slug made; longer titles are cut at a word boundary.</summary>
    public const int MaxLength = 100;

    /// <summary>Makes a slug from <paramref name="text"/>; returns "story" when nothing of it is a letter or digit.</summary>
    public static string From(string text, string fallback = "story")
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = TextFolding.FoldAccentsAndPunctuation(text);
        var builder = new StringBuilder(Math.Min(folded.Length, MaxLength + 20));
        var pendingHyphen = false;
        foreach (var c in folded)
        {
            if (c is '\'' or '"')
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = true;
            }

            if (builder.Length > MaxLength + 20)
            {
                break;
            }
        }

        var slug = builder.ToString();
        if (slug.Length > MaxLength)
        {
            var cut = slug.LastIndexOf('-', MaxLength);
            slug = cut > MaxLength / 2 ? slug[..cut] : slug[..MaxLength].TrimEnd('-');
        }

        return slug.Length == 0 ? fallback : slug;
    }
}
