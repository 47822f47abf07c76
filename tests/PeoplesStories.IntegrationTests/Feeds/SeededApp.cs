using PeoplesStories.IntegrationTests.Infrastructure;

namespace PeoplesStories.IntegrationTests.Feeds;

/// <summary>One seeded app shared by a test class that only reads (xunit class fixture).</summary>
public sealed class SeededApp : StoriesAppFactory
{
    public const string CambodiaTitle = "Cambodian authorities are not doing enough to stop scamming compounds";
    public const string CambodiaSlug = "cambodian-authorities-are-not-doing-enough-to-stop-scamming-compounds";
    public const string RussiaTitle = "Democratic institutions offer the best framework for addressing social injustices";
    public const string RussiaSlug = "democratic-institutions-offer-the-best-framework-for-addressing-social-injustices";
}
