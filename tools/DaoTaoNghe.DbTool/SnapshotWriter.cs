using System.Reflection;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.DbTool;

/// <summary>Writes a provider's model snapshot with EF's own snapshot generator (Microsoft.EntityFrameworkCore.Design).</summary>
public static class SnapshotWriter
{
    public static async Task WriteAsync(AppDbContext db, DatabaseProvider provider, string folder, string latestMigration)
    {
        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(db);
        var providerAssembly = Assembly.Load(db.Database.ProviderName!);
        var designTimeServices = providerAssembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()
            ?? throw new InvalidOperationException($"{db.Database.ProviderName} has no design-time services.");
        ((IDesignTimeServices)Activator.CreateInstance(providerAssembly.GetType(designTimeServices.TypeName, throwOnError: true)!)!)
            .ConfigureDesignTimeServices(services);
        await using var designTime = services.BuildServiceProvider();

        var name = ModelDiff.SnapshotClassName(provider);
        var code = designTime.GetRequiredService<IMigrationsCodeGeneratorSelector>().Select(language: null)
            .GenerateSnapshot(ModelDiff.SnapshotNamespace, typeof(AppDbContext), name, db.GetService<IDesignTimeModel>().Model);
        // Not the app's snapshot: no [DbContext] attribute, so EF never mistakes it for one; it records which migration it follows.
        code = code.Replace("    [DbContext(typeof(AppDbContext))]\n", "").Replace($"using {typeof(AppDbContext).Namespace};\n", "")
            .Replace($"    partial class {name} : ModelSnapshot\n    {{\n",
                $$"""
                    /// <summary>The model as the migrations up to {{latestMigration}} make it on {{provider}}. Written by DbTool `add`: do not edit.</summary>
                    public partial class {{name}} : ModelSnapshot
                    {
                        public const string LatestMigration = "{{latestMigration}}";

                """);
        if (!code.Contains("LatestMigration")) throw new InvalidOperationException("EF's snapshot code has an unexpected shape: " + name);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".cs"), code);
    }
}
