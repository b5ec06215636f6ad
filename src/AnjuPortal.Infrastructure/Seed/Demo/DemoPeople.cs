using System.Globalization;
using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// Generated people for the demo: household heads 户主, their ID numbers 身份证号 and mobile numbers, and
/// responsible officials 责任人. Nothing here belongs to anyone. Names are a common surname plus one or two
/// common given-name characters drawn from a seeded <see cref="Random"/>; ID numbers are assembled from a region
/// code, a birth date, a random sequence and the GB 11643 check character, so they pass validation, but no
/// register was consulted: any match with a real person is coincidence. Demo data is never real data.
/// </summary>
internal sealed class DemoPeople(Random random)
{
    // Frequent surnames first: the pick is skewed towards the front of the list, roughly as in the population.
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭",
        "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅",
        "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴",
        "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔",
        "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤",
        "尹", "黎", "常", "武", "乔", "贺", "赖", "龚", "文", "朴", "关", "佟", "隋", "富",
    ];

    private static readonly string[] GivenCharacters =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
        "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "萍", "红", "建", "国", "文", "辉", "力", "斌", "宇", "浩",
        "凯", "鹏", "波", "宁", "丹", "晶", "海", "林", "峰", "淑", "凤", "春", "梅", "福", "德", "志", "成", "金",
        "永", "玲", "云", "雪", "荣", "亮", "振", "庆", "彦", "宏", "长", "立", "新", "学", "树", "贵", "喜", "顺",
    ];

    private static readonly string[] OfficialTitles = ["副县长", "副区长", "副市长", "住建局局长", "征收办主任", "房产局局长"];

    // Mobile number prefixes in use in mainland China (the number after the prefix is random).
    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158",
        "159", "177", "186", "187", "188", "189", "198", "199",
    ];

    private readonly HashSet<string> _issuedIdNumbers = new(StringComparer.Ordinal);

    /// <summary>A generated personal name: surname plus one or two given-name characters.</summary>
    public string NextName()
    {
        var surname = Surnames[(int)(Surnames.Length * Math.Pow(random.NextDouble(), 2))];
        var first = GivenCharacters[random.Next(GivenCharacters.Length)];
        return random.NextDouble() < 0.65
            ? surname + first + GivenCharacters[random.Next(GivenCharacters.Length)]
            : surname + first;
    }

    /// <summary>A generated official with a title, e.g. 王建国（副县长）.</summary>
    public string NextOfficial() => $"{NextName()}（{OfficialTitles[random.Next(OfficialTitles.Length)]}）";

    /// <summary>
    /// A generated ID number with <paramref name="regionCode"/>, a birth date in 1940–1995, a random sequence and
    /// a valid check character; never the same number twice within this generator.
    /// </summary>
    public IdCardNumber NextIdNumber(string regionCode)
    {
        var earliest = new DateOnly(1940, 1, 1).DayNumber;
        var latest = new DateOnly(1995, 12, 31).DayNumber;
        while (true)
        {
            var birth = DateOnly.FromDayNumber(random.Next(earliest, latest + 1));
            var sequence = random.Next(1, 1000);
            var first17 = string.Create(CultureInfo.InvariantCulture, $"{regionCode}{birth:yyyyMMdd}{sequence:000}");
            var value = first17 + IdCardNumber.ComputeCheckCharacter(first17);
            if (_issuedIdNumbers.Add(value))
            {
                return IdCardNumber.Parse(value);
            }
        }
    }

    /// <summary>A random 11-digit mobile number with a real prefix; about one household in five gave no phone.</summary>
    public PhoneNumber? NextMobileOrNone()
    {
        if (random.NextDouble() < 0.2)
        {
            return null;
        }

        var prefix = MobilePrefixes[random.Next(MobilePrefixes.Length)];
        return PhoneNumber.Parse(string.Create(CultureInfo.InvariantCulture, $"{prefix}{random.Next(0, 100_000_000):00000000}"));
    }
}
