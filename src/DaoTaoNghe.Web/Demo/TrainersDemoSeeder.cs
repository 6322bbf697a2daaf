using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Trainers;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// The people who teach: the college's teachers, and at the centres teachers, artisans, skilled
/// workers and farmers who do well, each teaching occupations their institution is licensed for;
/// a few artisans also teach for a neighbouring centre.
/// </summary>
public sealed class TrainersDemoSeeder : IDemoSeeder
{
    public int Order => 340;

    public string Title => "giáo viên, người dạy nghề";

    private static readonly Dictionary<TrainerKind, (string Qualification, string? Certificate)[]> Profiles = new()
    {
        [TrainerKind.Teacher] =
        [
            ("Thạc sĩ Sư phạm kỹ thuật", "Chứng chỉ nghiệp vụ sư phạm giáo dục nghề nghiệp"),
            ("Kỹ sư Nông học", "Chứng chỉ nghiệp vụ sư phạm giáo dục nghề nghiệp"),
            ("Kỹ sư Điện", "Chứng chỉ kỹ năng dạy học trình độ trung cấp"),
            ("Cử nhân Quản trị khách sạn", "Chứng chỉ nghiệp vụ sư phạm giáo dục nghề nghiệp"),
            ("Bác sĩ Thú y", "Chứng chỉ kỹ năng dạy học trình độ sơ cấp"),
        ],
        [TrainerKind.Artisan] = [("Nghệ nhân dân gian", "Danh hiệu Nghệ nhân ưu tú"), ("Nghệ nhân làng nghề", null)],
        [TrainerKind.SkilledWorker] = [("Thợ hàn bậc 5/7", "Chứng chỉ sư phạm dạy trình độ sơ cấp"), ("Thợ sửa chữa máy nông nghiệp bậc 4/7", null)],
        [TrainerKind.Engineer] = [("Kỹ sư Chăn nuôi – Thú y", "Chứng chỉ sư phạm dạy trình độ sơ cấp"), ("Kỹ sư Lâm sinh", null)],
        [TrainerKind.ExpertFarmer] = [("Nông dân sản xuất, kinh doanh giỏi cấp tỉnh", null)],
    };

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var institutions = await db.Organisations
            .Where(o => o.ProvinceId == context.Province.Id && o.Kind == OrganisationKind.TrainingInstitution)
            .OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken);
        var licensed = await db.LicensedOccupations.Where(l => l.ProvinceId == context.Province.Id)
            .Select(l => new { l.InstitutionId, l.OccupationId, l.Occupation.Code, l.Occupation.Field })
            .ToListAsync(cancellationToken);
        var college = await db.Organisations.Where(o => o.ProvinceId == context.Province.Id && o.Name == "Trường Cao đẳng Lai Châu")
            .Select(o => o.Id).SingleAsync(cancellationToken);

        for (var index = 0; index < institutions.Count; index++)
        {
            var institutionId = institutions[index];
            var occupations = licensed.Where(l => l.InstitutionId == institutionId).ToList();
            if (occupations.Count == 0) continue;
            var count = institutionId == college ? 14 : 3 + random.Next(3);
            for (var i = 0; i < count; i++)
            {
                var occupation = occupations[i % occupations.Count];
                var kind = institutionId == college || i == 0 ? TrainerKind.Teacher : KindFor(occupation.Code, random);
                var options = Profiles[kind];
                var (qualification, certificate) = options[random.Next(options.Length)];
                var trainer = new Trainer
                {
                    InstitutionId = institutionId, BirthYear = 1965 + random.Next(35), Kind = kind, Qualification = qualification,
                    TeachingCertificate = certificate, Phone = DemoPeople.MobilePhone(random), IsActive = random.Next(12) != 0,
                };
                trainer.SetName(DemoPeople.Name(random));
                trainer.Occupations.Add(new TrainerOccupation { OccupationId = occupation.OccupationId, OwnerInstitutionId = institutionId });
                var second = occupations[random.Next(occupations.Count)];
                if (second.OccupationId != occupation.OccupationId && random.Next(3) == 0)
                    trainer.Occupations.Add(new TrainerOccupation { OccupationId = second.OccupationId, OwnerInstitutionId = institutionId });
                if (kind == TrainerKind.Artisan && index + 1 < institutions.Count)
                    trainer.OtherInstitutions.Add(new TrainerInstitution { InstitutionId = institutions[index + 1], OwnerInstitutionId = institutionId });
                db.Trainers.Add(trainer);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Brocade and bamboo are taught by artisans, machines by skilled workers, farming by engineers or farmers who do well.</summary>
    private static TrainerKind KindFor(string occupationCode, Random random) => occupationCode switch
    {
        "PNN.02" or "PNN.03" => TrainerKind.Artisan,
        "PNN.04" or "PNN.06" or "PNN.07" or "PNN.13" => TrainerKind.SkilledWorker,
        _ when occupationCode.StartsWith("NN.") => random.Next(2) == 0 ? TrainerKind.Engineer : TrainerKind.ExpertFarmer,
        _ => TrainerKind.Teacher,
    };
}
