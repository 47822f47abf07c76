using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PeoplesStories.Web.Reading;

public static class ReadingServices
{
    public static IServiceCollection AddReading(this IServiceCollection services)
    {
        services.AddScoped<StoryReader>();
        services.AddMemoryCache();
        services.TryAddSingleton<ContentVersion>();
        services.AddSingleton<SiteNavigation>();
        return services;
    }
}
