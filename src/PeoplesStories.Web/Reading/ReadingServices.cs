namespace PeoplesStories.Web.Reading;

public static class ReadingServices
{
    public static IServiceCollection AddReading(this IServiceCollection services)
    {
        services.AddScoped<StoryReader>();
        services.AddMemoryCache();
        services.AddSingleton<ContentVersion>();
        services.AddSingleton<SiteNavigation>();
        return services;
    }
}
