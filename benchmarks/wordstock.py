"""The words the family's stories are made of: places, people, partners, donors,
and for each field of the office's work its agencies, participants, skills,
equipment, quotes and facts, in English and Russian.

All of it is written for this generator; the people are invented (their names
drawn from the naming customs of each country, Kazakh, Kyrgyz and Tajik letters
included), so no generated story can be mistaken for a report of real events.
"""
from __future__ import annotations

from dataclasses import dataclass

from .grammar import Agreeing, Noun, Pair, noun

# Plural heads that many groups of participants share.
STAFF = "сотрудники|сотрудников|сотрудникам|сотрудников|сотрудниками|сотрудниках"
SPECIALISTS = "специалисты|специалистов|специалистам|специалистов|специалистами|специалистах"
INSPECTORS = "инспекторы|инспекторов|инспекторам|инспекторов|инспекторами|инспекторах"


@dataclass(frozen=True)
class Person:
    """Someone quoted: name and title in both languages; Russian verbs agree with `g`."""
    en: str
    ru: str
    title_en: str
    title_ru: str
    g: str

    @property
    def v(self) -> Agreeing:
        """`{speaker.v[заявил]}`: the verb agreeing with the speaker."""
        return Agreeing(self.g)

    @property
    def short(self) -> Pair:
        """Mr. or Ms. and the family name, for a second mention."""
        family_en, family_ru = self.en.split(" ", 1)[1], self.ru.split(" ", 1)[1]
        if self.g == "f":
            return Pair(f"Ms. {family_en}", f"г-жа {family_ru}")
        return Pair(f"Mr. {family_en}", f"г-н {family_ru}")

    @property
    def he(self) -> Pair:
        return Pair("She", "Она") if self.g == "f" else Pair("He", "Он")

    @property
    def his(self) -> Pair:
        return Pair("her", "её") if self.g == "f" else Pair("his", "его")


@dataclass(frozen=True)
class Country:
    name: Noun
    cities: tuple[Noun, ...]
    nation: str                 # whose naming customs its people's names follow


@dataclass(frozen=True)
class Donor:
    name: Noun
    envoy_en: str               # the donor's representative, "{c}" the host country
    envoy_ru: str
    nation: str


@dataclass(frozen=True)
class Trend:
    """A yearly series of the field, for line charts."""
    title: Pair
    series: Pair
    unit: str
    start: int
    step: int


@dataclass(frozen=True)
class Topic:
    """One field of the office's work and the words its stories are written in."""
    key: str
    kicker: Pair
    field: Pair                 # en, and the genitive after "в области"
    subprogramme: int
    agencies: tuple[tuple[str, str, str], ...]   # en, cases, gender; {ce}/{c}: the country
    groups: tuple[Noun, ...]
    skills: tuple[Noun, ...]
    equipment: tuple[Noun, ...]
    sites: tuple[Pair, ...]     # Russian in the accusative; {city_en}, {city_gen}, {city_prep}
    themes: tuple[Pair, ...]    # en, and the genitive after "по вопросам"
    manual: Pair
    quotes: tuple[Pair, ...]
    statements: tuple[Pair, ...]
    agreements: tuple[Pair, ...]
    facts: tuple[Pair, ...]
    trend: Trend


def _country(en: str, stem: str) -> Noun:
    return noun(en, "|".join(stem + end for end in ("", "а", "у", "", "ом", "е")))


def _city(en: str, forms: str) -> Noun:
    """A city from `nom|gen|prep`, or one form when it does not decline."""
    parts = forms.split("|")
    nom, gen, prep = parts if len(parts) == 3 else parts * 3
    acc = nom[:-1] + "у" if nom.endswith("а") and gen != nom else nom      # Астана: в Астану
    return Noun(en, nom, gen, nom, acc, nom, prep)


COUNTRIES = (
    Country(_country("Kazakhstan", "Казахстан"), (
        _city("Astana", "Астана|Астаны|Астане"), _city("Almaty", "Алматы"),
        _city("Shymkent", "Шымкент|Шымкента|Шымкенте"), _city("Aktau", "Актау"),
        _city("Karaganda", "Караганда|Караганды|Караганде")), "kazakh"),
    Country(_country("Kyrgyzstan", "Кыргызстан"), (
        _city("Bishkek", "Бишкек|Бишкека|Бишкеке"), _city("Osh", "Ош|Оша|Оше"),
        _city("Karakol", "Каракол|Каракола|Караколе"), _city("Batken", "Баткен|Баткена|Баткене"),
        _city("Jalal-Abad", "Джалал-Абад|Джалал-Абада|Джалал-Абаде")), "kyrgyz"),
    Country(_country("Tajikistan", "Таджикистан"), (
        _city("Dushanbe", "Душанбе"), _city("Khujand", "Худжанд|Худжанда|Худжанде"),
        _city("Khorog", "Хорог|Хорога|Хороге"), _city("Kulob", "Куляб|Куляба|Кулябе"),
        _city("Bokhtar", "Бохтар|Бохтара|Бохтаре")), "tajik"),
    Country(_country("Turkmenistan", "Туркменистан"), (
        _city("Ashgabat", "Ашхабад|Ашхабада|Ашхабаде"),
        _city("Turkmenabat", "Туркменабад|Туркменабада|Туркменабаде"), _city("Mary", "Мары"),
        _city("Turkmenbashi", "Туркменбаши"), _city("Dashoguz", "Дашогуз|Дашогуза|Дашогузе")),
        "turkmen"),
    Country(_country("Uzbekistan", "Узбекистан"), (
        _city("Tashkent", "Ташкент|Ташкента|Ташкенте"),
        _city("Samarkand", "Самарканд|Самарканда|Самарканде"),
        _city("Termez", "Термез|Термеза|Термезе"), _city("Nukus", "Нукус|Нукуса|Нукусе"),
        _city("Fergana", "Фергана|Ферганы|Фергане"), _city("Bukhara", "Бухара|Бухары|Бухаре")),
        "uzbek"),
)
AFGHANISTAN = _country("Afghanistan", "Афганистан")

# Given names (English, Russian, gender) and family names (English, Russian; the
# feminine adds -a/-а to -ov, -ev, -in; Tajik -ӣ and -зода do not change).
NAMES: dict[str, tuple[tuple[tuple[str, str, str], ...], tuple[tuple[str, str], ...]]] = {
    "kazakh": ((("Kairat", "Қайрат", "m"), ("Galym", "Ғалым", "m"), ("Alibek", "Әлібек", "m"),
                ("Baurzhan", "Бауыржан", "m"), ("Nurlan", "Нұрлан", "m"), ("Dauren", "Дәурен", "m"),
                ("Assel", "Әсел", "f"), ("Aigerim", "Айгерім", "f"), ("Gulnar", "Гүлнар", "f"),
                ("Shahizada", "Шаһизада", "f"), ("Zhuldyz", "Жұлдыз", "f"), ("Dinara", "Динара", "f")),
               (("Otebayev", "Өтебаев"), ("Sultanov", "Сұлтанов"), ("Zhaksybekov", "Жақсыбеков"),
                ("Abdikadyrov", "Әбдіқадыров"), ("Tileuov", "Тілеуов"), ("Kassymov", "Қасымов"),
                ("Nurgaliyev", "Нұрғалиев"), ("Bekmukhambetov", "Бекмұхамбетов"))),
    "kyrgyz": ((("Nurbek", "Нурбек", "m"), ("Ermek", "Эрмек", "m"), ("Chyngyz", "Чыңгыз", "m"),
                ("Omurbek", "Өмүрбек", "m"), ("Azamat", "Азамат", "m"), ("Bakyt", "Бакыт", "m"),
                ("Aigul", "Айгүл", "f"), ("Bubusara", "Бүбүсара", "f"), ("Gulzat", "Гүлзат", "f"),
                ("Cholpon", "Чолпон", "f"), ("Zhyldyz", "Жылдыз", "f"), ("Meerim", "Мээрим", "f")),
               (("Tologonov", "Төлөгөнов"), ("Usonov", "Үсөнов"), ("Omurbekov", "Өмүрбеков"),
                ("Ashyrov", "Ашыров"), ("Zheenbekov", "Жээнбеков"), ("Mamytov", "Мамытов"),
                ("Sydykov", "Сыдыков"), ("Torokulov", "Төрөкулов"))),
    "tajik": ((("Jamshed", "Ҷамшед", "m"), ("Husein", "Ҳусейн", "m"), ("Uktam", "Ӯктам", "m"),
               ("Firuz", "Фирӯз", "m"), ("Jaloliddin", "Ҷалолиддин", "m"), ("Qahhor", "Қаҳҳор", "m"),
               ("Shahlo", "Шаҳло", "f"), ("Nigina", "Нигина", "f"), ("Gulrukhsor", "Гулрухсор", "f"),
               ("Farzona", "Фарзона", "f"), ("Mavjuda", "Мавҷуда", "f"), ("Zarina", "Зарина", "f")),
              (("Rahimov", "Раҳимов"), ("Qurbonov", "Қурбонов"), ("Juraev", "Ҷӯраев"),
               ("Nazarov", "Назаров"), ("Sharifi", "Шарифӣ"), ("Ibrohimi", "Иброҳимӣ"),
               ("Saidzoda", "Саидзода"), ("Gafurov", "Ғафуров"), ("Hakimov", "Ҳакимов"))),
    "turkmen": ((("Mergen", "Мерген", "m"), ("Begench", "Бегенч", "m"), ("Dovlet", "Довлет", "m"),
                 ("Atajan", "Атаджан", "m"), ("Oguljeren", "Огулджерен", "f"), ("Aina", "Айна", "f"),
                 ("Maisa", "Маиса", "f"), ("Jemal", "Джемал", "f")),
                (("Ovezov", "Овезов"), ("Atayev", "Атаев"), ("Berdyev", "Бердыев"),
                 ("Gurbanov", "Гурбанов"), ("Amanov", "Аманов"))),
    "uzbek": ((("Shukhrat", "Шухрат", "m"), ("Rustam", "Рустам", "m"), ("Ulugbek", "Улугбек", "m"),
               ("Sanjar", "Санжар", "m"), ("Farrukh", "Фаррух", "m"), ("Dilnoza", "Дилноза", "f"),
               ("Nilufar", "Нилуфар", "f"), ("Gulnora", "Гульнора", "f"), ("Malika", "Малика", "f"),
               ("Feruza", "Феруза", "f")),
              (("Karimov", "Каримов"), ("Alimov", "Алимов"), ("Yusupov", "Юсупов"),
               ("Rakhmatullaev", "Рахматуллаев"), ("Tashpulatov", "Ташпулатов"),
               ("Nematov", "Нематов"))),
    # Whole names, for staff of UNODC and of the donors.
    "international": ((("Elena Marchetti", "Элена Маркетти", "f"), ("Jonas Lindqvist", "Йонас Линдквист", "m"),
                       ("Anna Kowalska", "Анна Ковальская", "f"), ("Tomas Novak", "Томаш Новак", "m"),
                       ("Sofia Lindberg", "София Линдберг", "f"), ("Rafael Ortega", "Рафаэль Ортега", "m")), ()),
    "japan": ((("Hiroshi Tanaka", "Хироси Танака", "m"), ("Kenji Mori", "Кэндзи Мори", "m"),
               ("Yuko Sato", "Юко Сато", "f")), ()),
    "usa": ((("Laura Bennett", "Лора Беннетт", "f"), ("David Okafor", "Дэвид Окафор", "m")), ()),
    "europe": ((("Claire Fontaine", "Клэр Фонтен", "f"), ("Markus Weber", "Маркус Вебер", "m"),
                ("Pieter van Dijk", "Питер ван Дейк", "m")), ()),
    "norway": ((("Ingrid Haugen", "Ингрид Хауген", "f"), ("Lars Berntsen", "Ларс Бернтсен", "m")), ()),
    "russia": ((("Aleksey Vorontsov", "Алексей Воронцов", "m"), ("Irina Belova", "Ирина Белова", "f")), ()),
    "germany": ((("Katrin Vogel", "Катрин Фогель", "f"), ("Stefan Krause", "Штефан Краузе", "m")), ()),
}

DONORS = (
    Donor(noun("the Government of Japan", "Правительство Японии|Правительства Японии|Правительству Японии|"
               "Правительство Японии|Правительством Японии|Правительстве Японии", "n"),
          "Ambassador of Japan to {ce}", "Чрезвычайный и Полномочный Посол Японии в {cp}", "japan"),
    Donor(noun("the U.S. Bureau of International Narcotics and Law Enforcement Affairs (INL)",
               "Бюро по международным вопросам борьбы с наркотиками и правоохранительной деятельности "
               "Государственного департамента США (INL)", "n"),
          "Director of the INL Office at the U.S. Embassy in {ce}",
          "директор офиса INL посольства США в {cp}", "usa"),
    Donor(noun("the European Union", "Европейский союз|Европейского союза|Европейскому союзу|"
               "Европейский союз|Европейским союзом|Европейском союзе"),
          "Head of the Delegation of the European Union to {ce}",
          "глава Представительства Европейского союза в {cp}", "europe"),
    Donor(noun("the Government of Norway", "Правительство Норвегии|Правительства Норвегии|"
               "Правительству Норвегии|Правительство Норвегии|Правительством Норвегии|"
               "Правительстве Норвегии", "n"),
          "Ambassador of Norway to {ce}", "Посол Норвегии в {cp}", "norway"),
    Donor(noun("the Russian Federation", "Российская Федерация|Российской Федерации|Российской Федерации|"
               "Российскую Федерацию|Российской Федерацией|Российской Федерации", "f"),
          "Ambassador of the Russian Federation to {ce}", "Посол Российской Федерации в {cp}", "russia"),
    Donor(noun("the Federal Foreign Office of Germany", "Федеральное министерство иностранных дел Германии|"
               "Федерального министерства иностранных дел Германии|Федеральному министерству иностранных "
               "дел Германии|Федеральное министерство иностранных дел Германии|Федеральным министерством "
               "иностранных дел Германии|Федеральном министерстве иностранных дел Германии", "n"),
          "Deputy Head of Mission of Germany in {ce}",
          "заместитель руководителя дипломатической миссии Германии в {cp}", "germany"),
)

# The organisers: English with {ce}, Russian cases with {cp} (country, prepositional).
ORGANISERS = (
    ("the UNODC Regional Office for Central Asia",
     "Региональное представительство УНП ООН в Центральной Азии|Регионального представительства УНП ООН "
     "в Центральной Азии|Региональному представительству УНП ООН в Центральной Азии|Региональное "
     "представительство УНП ООН в Центральной Азии|Региональным представительством УНП ООН в Центральной "
     "Азии|Региональном представительстве УНП ООН в Центральной Азии", "n"),
    ("UNODC", "УНП ООН", "n"),
    ("the UNODC Programme Office in {ce}",
     "Программный офис УНП ООН в {cp}|Программного офиса УНП ООН в {cp}|Программному офису УНП ООН в {cp}|"
     "Программный офис УНП ООН в {cp}|Программным офисом УНП ООН в {cp}|Программном офисе УНП ООН в {cp}",
     "m"),
)

# Sub-programmes of the (invented) regional programme: en, and the genitive after "в рамках".
SUBPROGRAMMES = {
    1: Pair("the sub-programme on countering transnational organized crime and illicit drug trafficking",
            "подпрограммы по противодействию транснациональной организованной преступности и незаконному "
            "обороту наркотиков"),
    2: Pair("the sub-programme on criminal justice, crime prevention and integrity",
            "подпрограммы по вопросам уголовного правосудия, предупреждения преступности и добросовестности"),
    3: Pair("the sub-programme on drug prevention, treatment of drug dependence and HIV prevention",
            "подпрограммы по профилактике наркомании, лечению наркозависимости и профилактике ВИЧ"),
}

# Titles of national officials: en before "of {agency}", Russian before the agency's genitive.
OFFICIAL_TITLES = (
    Pair("Head of the International Cooperation Department of", "начальник управления международного "
         "сотрудничества"),
    Pair("Head of the Training Department of", "начальник учебного управления"),
    Pair("Director of the Training Centre of", "директор учебного центра"),
    Pair("Deputy Head of the Analytical Department of", "заместитель начальника аналитического управления"),
)
# UNODC staff: {ce}/{cp} the country, {field_en}/{field_gen} the topic's field.
UNODC_TITLES = (
    Pair("UNODC National Programme Coordinator in {ce}", "национальный координатор программ УНП ООН в {cp}"),
    Pair("Head of the UNODC Programme Office in {ce}", "руководитель Программного офиса УНП ООН в {cp}"),
    Pair("UNODC international expert on {field_en}", "международный эксперт УНП ООН по вопросам {field_gen}"),
    Pair("UNODC Programme Officer", "сотрудник программы УНП ООН"),
)
REPRESENTATIVE = Pair("UNODC Regional Representative for Central Asia",
                      "Региональный представитель УНП ООН в Центральной Азии")

PARTICIPANT_QUOTES = (
    Pair("The practical exercises were the most useful part of the course for me",
         "Для меня самой полезной частью курса стали практические занятия"),
    Pair("I will share what I learned here with the colleagues at my unit",
         "Полученными здесь знаниями я обязательно поделюсь с коллегами по подразделению"),
    Pair("For the first time we worked side by side with colleagues from other agencies",
         "Впервые мы работали бок о бок с коллегами из других ведомств"),
    Pair("The case studies were taken from real life, and that made all the difference",
         "Учебные примеры были взяты из реальной практики, и именно это оказалось самым ценным"),
    Pair("Now I know what to look for and whom to call when something looks wrong",
         "Теперь я знаю, на что обращать внимание и куда звонить, если что-то вызывает подозрение"),
)
EXPERT_QUOTES = (
    Pair("Good training changes habits, not only knowledge", "Хорошее обучение меняет не только знания, но и привычки"),
    Pair("The best results come when the same people train together again and again",
         "Лучших результатов удаётся добиться, когда одни и те же люди раз за разом учатся вместе"),
    Pair("What matters is what happens at work on Monday morning, not the certificate",
         "Важен не сертификат, а то, что происходит на работе в понедельник утром"),
)
STATEMENTS = (
    Pair("cooperation between national agencies had improved markedly over the past year",
         "за последний год взаимодействие между национальными ведомствами заметно улучшилось"),
    Pair("the skills gained would be passed on to colleagues through a pool of national trainers",
         "полученные навыки будут переданы коллегам через группу национальных тренеров"),
    Pair("the government intended to include the course in the curriculum of its training academy",
         "правительство намерено включить курс в учебную программу своей академии"),
    Pair("the results achieved so far were encouraging, but much remained to be done",
         "достигнутые результаты обнадёживают, однако многое ещё предстоит сделать"),
    Pair("long-term partnerships, not one-off events, were what changed daily practice",
         "повседневную практику меняют долгосрочные партнёрские отношения, а не разовые мероприятия"),
)
AGREEMENTS = (
    Pair("hold joint training sessions twice a year", "дважды в год проводить совместные учебные занятия"),
    Pair("appoint a national contact point for the project", "назначить национальное контактное лицо по проекту"),
    Pair("hand the course materials over to the national training academies",
         "передать учебные материалы курса в национальные учебные заведения"),
    Pair("report on progress at the next Steering Committee meeting",
         "доложить о ходе работы на следующем заседании Руководящего комитета"),
)
