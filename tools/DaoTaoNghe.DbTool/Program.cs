using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.DbTool;

public static class DbToolProgram
{
    /// <summary>Where the migrations (.cs and the two .sql scripts) live, from the repository root: change it here when they move.</summary>
    public const string MigrationsFolder = "src/DaoTaoNghe.Web/Data/Migrations";

    /// <summary>Where the model snapshots the migrations produce are recorded, from the repository root (compiled into this tool).</summary>
    public const string SnapshotsFolder = "tools/DaoTaoNghe.DbTool/Snapshots";

    private const string Usage =
        "Usage: dotnet run --project tools/DaoTaoNghe.DbTool -- add <MigrationName>   (letters and digits: script the model's changes)\n" +
        "       dotnet run --project tools/DaoTaoNghe.DbTool -- diff                  (what the next migration would contain)\n" +
        "       dotnet run --project tools/DaoTaoNghe.DbTool -- model                 (EF's view of the model)\n" +
        "       dotnet run --project tools/DaoTaoNghe.DbTool -- baseline              (record the model as the migrations' without a migration: see DEVELOPERS.md)\n" +
        "       dotnet run --project tools/DaoTaoNghe.DbTool -- federation add-province --province <connstr> --national <connstr> --code <2 digits>   (again: brings it up to date)\n" +
        "       dotnet run --project tools/DaoTaoNghe.DbTool -- federation refresh --province <connstr> --national <connstr> --code <2 digits>   (after a schema upgrade)\n" +
        "       dotnet run --project tools/DaoTaoNghe.DbTool -- federation status --national <connstr>   (docs/federation.md)";

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["add", var name] when name.Length > 0 && char.IsLetter(name[0]) && name.All(char.IsLetterOrDigit):
                return await MigrationWriter.AddAsync(name, FromRoot(MigrationsFolder), FromRoot(SnapshotsFolder));
            case ["diff"]:
                foreach (var provider in MigrationWriter.Providers)
                {
                    await using var db = MigrationWriter.Design(provider);
                    var diff = ModelDiff.For(db);
                    Console.WriteLine($"{provider} (snapshot of {diff.LatestMigration ?? "nothing"}):");
                    foreach (var line in diff.Describe()) Console.WriteLine("  " + line);
                    Console.WriteLine(MigrationWriter.Script(db, diff));
                }
                return 0;
            case ["baseline"]:
                return await MigrationWriter.BaselineAsync(FromRoot(SnapshotsFolder));
            case ["model"]:
                await using (var db = MigrationWriter.Design(DatabaseProvider.Sqlite))
                    Console.WriteLine(db.GetService<IDesignTimeModel>().Model.ToDebugString());
                return 0;
            case ["federation", ..]:
                return await FederationCommand.RunAsync(args[1..], Usage);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static string FromRoot(string relative)
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DaoTaoNghe.slnx")))
            directory = directory.Parent;
        var root = directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
        var folder = Path.GetFullPath(Path.Combine(root, relative));
        if (!Directory.Exists(folder) && relative == MigrationsFolder)
            throw new DirectoryNotFoundException($"{folder} does not exist: set DbToolProgram.MigrationsFolder to where the migrations are.");
        return folder;
    }
}
