using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.DbTool;

public static class DbToolProgram
{
    private const string Usage =
        "Usage: dotnet run --project tools/DaoTaoNghe.DbTool -- add <MigrationName>   (letters and digits)\n" +
        "       dotnet run --project tools/DaoTaoNghe.DbTool -- model                 (EF's view of the model)";

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["add", var name] when name.Length > 0 && name.All(char.IsLetterOrDigit):
                var folder = Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "src/DaoTaoNghe.Web/Infrastructure/Data/Migrations"));
                return await MigrationWriter.AddAsync(name, folder);
            case ["model"]:
                await using (var db = MigrationWriter.Create(DatabaseProvider.Sqlite, "Data Source=:memory:"))
                    Console.WriteLine(db.GetService<IDesignTimeModel>().Model.ToDebugString());
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DaoTaoNghe.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
