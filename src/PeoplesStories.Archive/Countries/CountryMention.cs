namespace PeoplesStories.Archive.Countries;

/// <summary>One place where a text names a country.</summary>
/// <param name="Code">ISO 3166-1 alpha-2 code of the country named.</param>
/// <param name="Phrase">The name as written in the original text (<c>Côte d’Ivoire</c>, <c>Cambodian</c>).</param>
/// <param name="Index">Index of the first character of <paramref name="Phrase"/> in the original (unfolded) text.</param>
/// <param name="Length">Length of <paramref name="Phrase"/> in the original text.</param>
public sealed record CountryMention(string Code, string Phrase, int Index, int Length);
