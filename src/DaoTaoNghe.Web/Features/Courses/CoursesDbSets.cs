using DaoTaoNghe.Features.Courses;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseTrainer> CourseTrainers => Set<CourseTrainer>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<AttendanceRecord> AttendanceRecords => Set<AttendanceRecord>();
}
