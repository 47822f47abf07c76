namespace PeoplesStories.BrowserTests.Tests;

/// <summary>The two stories of seeds/, as the site shows them.</summary>
internal static class SeedStories
{
    public const string Cambodia = "Cambodian authorities are not doing enough to stop scamming compounds";
    public const string CambodiaSlug = "cambodian-authorities-are-not-doing-enough-to-stop-scamming-compounds";

    public const string Democratic = "Democratic institutions offer the best framework for addressing social injustices";
    public const string DemocraticSlug = "democratic-institutions-offer-the-best-framework-for-addressing-social-injustices";
}
