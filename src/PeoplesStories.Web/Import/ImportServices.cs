using Microsoft.Extensions.DependencyInjection.Extensions;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Archive.Parsing;

namespace PeoplesStories.Web.Import;

public static class ImportServices
{
    public static IServiceCollection AddArchiveImport(this IServiceCollection services)
    {
        services.AddSingleton(CountryGazetteer.Default);
        services.AddSingleton(ArchiveParser.Default);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Reading.ContentVersion>();
        services.AddScoped<ArchiveImporter>();
        services.AddScoped<ArchiveImportRun>();
        return services;
    }
}
