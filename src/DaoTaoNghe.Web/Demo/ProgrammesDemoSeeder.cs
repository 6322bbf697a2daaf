using System.Text;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// A programme for every licensed occupation and level of Lai Châu's institutions, with modules
/// and norms; the college's intermediate and college programmes include the key ones, most
/// accredited (one lapsed, one failed, one not yet assessed); a third of the programmes publish a
/// self-study guide, some a link.
/// </summary>
public sealed class ProgrammesDemoSeeder : IDemoSeeder
{
    public int Order => 330;

    public string Title => "chương trình đào tạo";

    /// <summary>The college's key programmes and how their accreditation stands: valid, lapsed, failed, or never assessed.</summary>
    private static readonly Dictionary<string, string> KeyProgrammes = new()
    {
        ["5520227"] = "valid", ["6520227"] = "valid", ["5520123"] = "valid", ["5810207"] = "valid", ["6810207"] = "valid",
        ["5510216"] = "lapsed", ["5640101"] = "failed", ["5810103"] = "none",
    };

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var store = context.Services.GetRequiredService<FileStore>();
        var rules = context.Services.GetRequiredService<MaterialFileRules>().Rules;
        var licences = await db.LicensedOccupations
            .Where(l => l.ProvinceId == context.Province.Id && l.Institution.Kind == OrganisationKind.TrainingInstitution)
            .OrderBy(l => l.InstitutionId).ThenBy(l => l.Id)
            .Select(l => new { l.InstitutionId, Institution = l.Institution.Name, l.OccupationId, l.Occupation.Code, l.Occupation.Name, l.Level })
            .ToListAsync(cancellationToken);
        var isCollege = licences.Where(l => l.Institution == "Trường Cao đẳng Lai Châu").Select(l => l.InstitutionId).FirstOrDefault();
        var now = context.Clock.GetUtcNow().UtcDateTime;

        foreach (var licence in licences)
        {
            var hours = licence.Level switch
            {
                TrainingLevel.Elementary => 300 + 30 * random.Next(4),
                TrainingLevel.ShortCourse => 120 + 40 * random.Next(4),
                TrainingLevel.Intermediate => 1800 + 150 * random.Next(5),
                _ => 2550 + 150 * random.Next(4),
            };
            var programme = new Programme
            {
                InstitutionId = licence.InstitutionId, OccupationId = licence.OccupationId, Level = licence.Level, DurationHours = hours,
                IsKey = licence.InstitutionId == isCollege && KeyProgrammes.ContainsKey(licence.Code),
                ApprovedOn = new DateOnly(2019 + random.Next(6), 1 + random.Next(12), 1 + random.Next(28)),
                Description = $"Trang bị cho người học kiến thức, kỹ năng nghề {licence.Name.ToLowerInvariant()} để tự tạo việc làm hoặc làm việc tại doanh nghiệp, hợp tác xã.",
            };
            programme.SetName($"{licence.Name} ({Fmt(licence.Level)})", licence.Level is TrainingLevel.Intermediate or TrainingLevel.College ? licence.Code : null);
            AddModules(programme, licence.Name, hours);
            AddNorms(programme, licence.Level, random);
            if (programme.IsKey) AddAccreditation(programme, KeyProgrammes[licence.Code], random);
            db.Programmes.Add(programme);

            // Every tea programme publishes one: tea is what most of Lai Châu's short courses teach.
            if (random.Next(3) == 0 || licence.Code is "NN.01" or "NN.02")
            {
                var text = Encoding.UTF8.GetBytes(Guide(programme.Name, licence.Name, programme.Modules));
                var upload = new FormFile(new MemoryStream(text), 0, text.Length, "file", $"Huong dan tu hoc - {licence.Code}.txt");
                var stored = await store.SaveAsync(upload, rules, "File", cancellationToken);
                var material = new LearningMaterial
                {
                    Programme = programme, InstitutionId = licence.InstitutionId, Kind = MaterialKind.File, FileKey = stored.Key,
                    FileName = stored.FileName, ContentType = stored.ContentType, FileSize = stored.Size, Sha256 = stored.Sha256, AddedAt = now,
                };
                material.SetTitle($"Tài liệu hướng dẫn tự học: {licence.Name}");
                db.LearningMaterials.Add(material);
                if (random.Next(2) == 0)
                {
                    var link = new LearningMaterial
                    {
                        Programme = programme, InstitutionId = licence.InstitutionId, Kind = MaterialKind.Link,
                        Url = "https://laichau.gov.vn/", AddedAt = now,
                    };
                    link.SetTitle("Cổng thông tin điện tử tỉnh Lai Châu: chính sách hỗ trợ học nghề");
                    db.LearningMaterials.Add(link);
                }
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Fmt(TrainingLevel level) => Infrastructure.Web.Fmt.Enum(level).ToLowerInvariant();

    private static void AddModules(Programme programme, string occupation, int hours)
    {
        int Part(double share) => (int)Math.Round(hours * share);
        var parts = new (string Name, int Theory, int Practice)[]
        {
            ("Giới thiệu nghề, an toàn lao động và vệ sinh môi trường", Part(0.08), Part(0.02)),
            ($"Kỹ thuật cơ bản nghề {occupation.ToLowerInvariant()}", Part(0.15), Part(0.20)),
            ("Thực hành nâng cao", Part(0.05), Part(0.30)),
        };
        var position = 0;
        foreach (var (name, theory, practice) in parts)
            programme.Modules.Add(new ProgrammeModule
            {
                InstitutionId = programme.InstitutionId, Position = ++position, Name = name, TheoryHours = theory, PracticeHours = practice,
            });
        programme.Modules.Add(new ProgrammeModule
        {
            InstitutionId = programme.InstitutionId, Position = ++position, Name = "Thực tập tại cơ sở sản xuất, doanh nghiệp", TheoryHours = 0,
            PracticeHours = hours - parts.Sum(p => p.Theory + p.Practice),
        });
    }

    private static void AddNorms(Programme programme, TrainingLevel level, Random random)
    {
        var cost = level switch
        {
            TrainingLevel.Elementary => 3_000_000 + 100_000 * random.Next(26),
            TrainingLevel.ShortCourse => 1_500_000 + 100_000 * random.Next(11),
            TrainingLevel.Intermediate => 28_000_000 + 500_000 * random.Next(17),
            _ => 38_000_000 + 500_000 * random.Next(21),
        };
        programme.Norms.Add(new ProgrammeNorm
        {
            InstitutionId = programme.InstitutionId, EffectiveFrom = new DateOnly(2024, 1, 1), CostPerLearner = cost,
            Basis = "Quyết định số 215/QĐ-UBND ngày 20/12/2023 của UBND tỉnh",
        });
        if (random.Next(2) == 0)
            programme.Norms.Add(new ProgrammeNorm
            {
                InstitutionId = programme.InstitutionId, EffectiveFrom = new DateOnly(2026, 1, 1), CostPerLearner = (long)Math.Round(cost * 1.08 / 10_000) * 10_000,
                Basis = "Quyết định số 1876/QĐ-UBND ngày 18/12/2025 của UBND tỉnh",
            });
    }

    private static void AddAccreditation(Programme programme, string status, Random random)
    {
        const string body = "Trung tâm Kiểm định chất lượng giáo dục nghề nghiệp";
        var decided = status switch
        {
            "lapsed" => new DateOnly(2019, 10, 15),
            _ => new DateOnly(2022 + random.Next(3), 1 + random.Next(12), 1 + random.Next(28)),
        };
        switch (status)
        {
            case "valid" or "lapsed":
                programme.Accreditations.Add(new ProgrammeAccreditation
                {
                    InstitutionId = programme.InstitutionId, Result = AccreditationResult.Passed, DecidedOn = decided, ExpiresOn = decided.AddYears(5).AddDays(-1), Body = body,
                    CertificateNumber = $"{random.Next(10, 99)}/{decided.Year}/GCNKĐCT",
                });
                break;
            case "failed":
                programme.Accreditations.Add(new ProgrammeAccreditation
                {
                    InstitutionId = programme.InstitutionId, Result = AccreditationResult.Failed, DecidedOn = decided, Body = body,
                });
                break;
        }
    }

    private static string Guide(string programme, string occupation, IEnumerable<ProgrammeModule> modules)
    {
        var text = new StringBuilder();
        text.AppendLine($"TÀI LIỆU HƯỚNG DẪN TỰ HỌC – {programme.ToUpperInvariant()}");
        text.AppendLine();
        text.AppendLine($"Tài liệu giúp người lao động nông thôn tự ôn luyện kiến thức nghề {occupation.ToLowerInvariant()} trước và sau khóa học.");
        text.AppendLine("Nội dung chính:");
        foreach (var module in modules)
            text.AppendLine($"  {module.Position}. {module.Name} ({module.TheoryHours + module.PracticeHours} giờ)");
        text.AppendLine();
        text.AppendLine("Mỗi bài học gồm: mục tiêu, kiến thức cần nhớ, các bước thực hành và câu hỏi tự kiểm tra.");
        text.AppendLine("Người học liên hệ giáo viên phụ trách lớp để được hướng dẫn thêm khi thực hành tại gia đình.");
        return text.ToString();
    }
}
