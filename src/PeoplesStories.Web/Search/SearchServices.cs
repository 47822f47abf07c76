namespace PeoplesStories.Web.Search;

public static class SearchServices
{
    /// <summary>Registers <see cref="StorySearch"/> (scoped, like the database context it queries).</summary>
    public static IServiceCollection AddStorySearch(this IServiceCollection services)
    {
        services.AddScoped<StorySearch>();
        services.AddSingleton<SearchIndexFigures>();
        services.AddSingleton<IndexedPrefixes>();
        return services;
    }
}
