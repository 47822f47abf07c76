namespace PeoplesStories.Archive.Countries;

/// <summary>A country or territory of the gazetteer.</summary>
/// <param name="Code">ISO 3166-1 alpha-2 code in upper case (<c>KH</c>); <c>XK</c> (Kosovo) is the one user-assigned code.</param>
/// <param name="Name">English short name people expect to read (<c>Cambodia</c>, <c>Russia</c>, <c>Türkiye</c>).</param>
/// <param name="Region">UN M49 region: <c>Africa</c>, <c>Americas</c>, <c>Asia</c>, <c>Europe</c>, <c>Oceania</c>, or <c>Antarctica</c>.</param>
/// <param name="SubRegion">UN M49 sub-region, or intermediate region where M49 has one (<c>South-eastern Asia</c>, <c>Eastern Africa</c>).</param>
public sealed record Country(string Code, string Name, string Region, string SubRegion);
