using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Data.CompiledModel;

namespace PeoplesStories.IntegrationTests.Data;

/// <summary>
/// The site runs on SQLite with the compiled model in Data/CompiledModel. These fail when the entity
/// classes or their configuration changed and the compiled model was not made again (README,
/// "Changing the model"): the site would otherwise read and write the old model.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void The_compiled_model_maps_every_property_as_the_model_built_from_the_entity_classes()
    {
        using var built = Context(compiled: false);
        using var compiled = Context(compiled: true);
        Assert.IsType<StoriesDbContextModel>(compiled.Model);
        Assert.Equal(Mapping(built.GetService<IDesignTimeModel>().Model), Mapping(compiled.Model));
    }

    /// <summary>Every entity type's properties and navigations, each with what decides how it is read and written.</summary>
    private static List<string> Mapping(IModel model) =>
    [
        .. model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(entity =>
            entity.GetProperties().Select(p =>
                    $"{entity.Name}.{p.Name}: {p.ClrType.Name} nullable={p.IsNullable} max={p.GetMaxLength()} "
                    + $"converter={p.GetTypeMapping().Converter?.GetType().Name} column={p.GetColumnName()} {p.GetRelationalTypeMapping().StoreType} "
                    + $"concurrency={p.IsConcurrencyToken} generated={p.ValueGenerated}")
                .Concat(entity.GetNavigations().Select(n => $"{entity.Name}.{n.Name} -> {n.TargetEntityType.Name} collection={n.IsCollection}"))
                .Concat(entity.GetKeys().Select(k => $"{entity.Name} key ({Names(k.Properties)}) primary={k.IsPrimaryKey()}"))
                .Concat(entity.GetIndexes().Select(i => $"{entity.Name} index ({Names(i.Properties)}) unique={i.IsUnique}"))
                .Concat(entity.GetForeignKeys().Select(f => $"{entity.Name} foreign key ({Names(f.Properties)}) -> {f.PrincipalEntityType.Name} delete={f.DeleteBehavior} required={f.IsRequired}"))
                .Concat([$"{entity.Name} table={entity.GetTableName()} filter={entity.GetDeclaredQueryFilters().Count}"])
                .Order(StringComparer.Ordinal)),
    ];

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(", ", properties.Select(p => p.Name));

    private static StoriesDbContext Context(bool compiled)
    {
        var options = new DbContextOptionsBuilder<StoriesDbContext>().UseSqlite("Data Source=:memory:");
        if (compiled)
        {
            options.UseModel(StoriesDbContextModel.Instance);
        }

        return new StoriesDbContext(options.Options);
    }
}
