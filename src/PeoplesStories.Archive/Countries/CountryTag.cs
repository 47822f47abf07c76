namespace PeoplesStories.Archive.Countries;

/// <summary>A country a story is tagged with.</summary>
/// <param name="Code">ISO 3166-1 alpha-2 code of the country.</param>
/// <param name="Mentions">How many times the title and the texts name the country.</param>
/// <param name="IsPrimary">True for the story's primary country: the first named in the title, else the one named most often.</param>
/// <param name="FirstPhrase">The first name or demonym that named the country, as written (<c>Cambodian</c>).</param>
public sealed record CountryTag(string Code, int Mentions, bool IsPrimary, string FirstPhrase);
