"""The fields of the office's work, each with the words its stories are told in.

Agencies are written with `{ce}` (the country in English) and `{c}` (its Russian
genitive), sites with `{city_en}`, `{city_gen}` and `{city_prep}`; facts are
sentence templates filled from the story's plan (see newsroom.py).
"""
from __future__ import annotations

from .grammar import Noun, Pair, action, head_noun, noun
from .wordstock import INSPECTORS, SPECIALISTS, STAFF, Topic, Trend


def _kit(en: str, acc: str, gen: str, g: str = "pl") -> Noun:
    """Equipment, handed over (accusative) or counted (genitive): the only cases it is used in."""
    return Noun(en, acc, gen, "", acc, "", "", g)


BORDER = Topic(
    key="border", kicker=Pair("Border control", "Пограничный контроль"),
    field=Pair("border management", "управления границами"), subprogramme=1,
    agencies=(("the Border Service of {ce}", "Пограничная служба {c}|Пограничной службы {c}|Пограничной службе {c}|"
               "Пограничную службу {c}|Пограничной службой {c}|Пограничной службе {c}", "f"),
              ("the Border Troops of {ce}", "Пограничные войска {c}|Пограничных войск {c}|Пограничным войскам {c}|"
               "Пограничные войска {c}|Пограничными войсками {c}|Пограничных войсках {c}", "pl")),
    groups=(noun("border guards", "пограничники|пограничников|пограничникам|пограничников|пограничниками|"
                 "пограничниках", "pl"),
            head_noun("officers of border crossing points", " пунктов пропуска", STAFF),
            head_noun("commanders of border outposts", " пограничных застав",
                      "командиры|командиров|командирам|командиров|командирами|командирах")),
    skills=(action("detecting forged travel documents", "выявление поддельных проездных документов"),
            action("searching vehicles for hidden compartments", "обнаружение тайников в транспортных средствах"),
            action("patrolling remote sections of the border", "патрулирование труднодоступных участков границы"),
            action("using thermal imaging equipment", "использование тепловизионного оборудования"),
            action("handling seized evidence", "обращение с изъятыми вещественными доказательствами"),
            action("working with neighbouring outposts", "взаимодействие с соседними заставами")),
    equipment=(_kit("thermal imaging cameras", "тепловизионные камеры", "тепловизионных камер"),
               _kit("night vision devices", "приборы ночного видения", "приборов ночного видения"),
               _kit("document examination kits", "комплекты для проверки документов",
                    "комплектов для проверки документов")),
    sites=(Pair("the border crossing point at {city_en}", "пункт пропуска в {city_prep}"),
           Pair("a border outpost near {city_en}", "пограничную заставу недалеко от {city_gen}")),
    themes=(Pair("security along the border with Afghanistan", "обеспечения безопасности на границе с Афганистаном"),
            Pair("the joint management of common borders", "совместного управления общими границами")),
    manual=Pair("Border Management in Mountain Areas", "Управление границами в горной местности"),
    quotes=(Pair("A border is only as strong as the people who guard it, and these officers now have the skills "
                 "the job demands", "Граница надёжна ровно настолько, насколько подготовлены люди, которые её "
                 "охраняют, и теперь у этих сотрудников есть все необходимые навыки"),
            Pair("Smugglers change their routes every season, and our training has to change just as quickly",
                 "Контрабандисты меняют маршруты каждый сезон, и наша подготовка должна меняться так же быстро"),
            Pair("No country can secure a border of this length on its own",
                 "Ни одна страна не в состоянии в одиночку обеспечить безопасность границы такой протяжённости"),
            Pair("Cooperation with our neighbours is no longer a choice but a daily necessity",
                 "Сотрудничество с соседями — уже не выбор, а повседневная необходимость")),
    statements=(Pair("the situation on the southern border called for constant vigilance",
                     "ситуация на южной границе требует постоянной бдительности"),
                Pair("most attempts to cross the border illegally were now stopped at the first line of control",
                     "большинство попыток незаконного пересечения границы сегодня пресекается уже на первой "
                     "линии контроля")),
    agreements=(Pair("set up joint patrols on the most vulnerable sections of the border",
                     "организовать совместное патрулирование наиболее уязвимых участков границы"),
                Pair("exchange data on detained smugglers within 24 hours",
                     "в течение 24 часов обмениваться данными о задержанных контрабандистах"),
                Pair("harmonise the training of young officers", "согласовать программы подготовки молодых офицеров")),
    facts=(Pair("In {last_year}, border guards of {country.en} detained {n_people.en} people trying to cross the "
                "border illegally and seized {n_kg.en} of drugs.",
                "В {last_year} году пограничники {country.gen} задержали {n_people.ru} нарушителей границы "
                "и изъяли {n_kg.ru} наркотиков."),
           Pair("The border between {country.en} and {neighbour.en} runs for {n_km.en}, much of it through "
                "mountains higher than 3,000 metres.",
                "Протяжённость границы между {country.ins} и {neighbour.ins} составляет {n_km.ru}, значительная "
                "её часть проходит по горам на высоте более 3000 метров."),
           Pair("Almost {pct.en} of the heroin leaving Afghanistan is believed to travel north through Central Asia.",
                "По оценкам, почти {pct.ru} героина, вывозимого из Афганистана, переправляется на север через "
                "Центральную Азию.")),
    trend=Trend(Pair("Illegal border crossings stopped", "Пресечённые попытки незаконного пересечения границы"),
                Pair("Attempts stopped", "Пресечённые попытки"), "", 900, 60),
)

DRUGS = Topic(
    key="drugs", kicker=Pair("Drug control", "Контроль над наркотиками"),
    field=Pair("drug law enforcement", "борьбы с незаконным оборотом наркотиков"), subprogramme=1,
    agencies=(("the Drug Control Agency of {ce}", "Агентство по контролю за наркотиками {c}|Агентства по контролю "
               "за наркотиками {c}|Агентству по контролю за наркотиками {c}|Агентство по контролю за наркотиками "
               "{c}|Агентством по контролю за наркотиками {c}|Агентстве по контролю за наркотиками {c}", "n"),
              ("the Counter-Narcotics Department of the Ministry of Internal Affairs of {ce}",
               "Управление по противодействию незаконному обороту наркотиков МВД {c}|Управления по противодействию "
               "незаконному обороту наркотиков МВД {c}|Управлению по противодействию незаконному обороту "
               "наркотиков МВД {c}|Управление по противодействию незаконному обороту наркотиков МВД {c}|"
               "Управлением по противодействию незаконному обороту наркотиков МВД {c}|Управлении по "
               "противодействию незаконному обороту наркотиков МВД {c}", "n")),
    groups=(head_noun("officers of antinarcotics units", " антинаркотических подразделений", STAFF),
            noun("investigators", "следователи|следователей|следователям|следователей|следователями|следователях",
                 "pl"),
            noun("dog handlers", "кинологи|кинологов|кинологам|кинологов|кинологами|кинологах", "pl")),
    skills=(action("conducting controlled deliveries", "проведение контролируемых поставок"),
            action("identifying new psychoactive substances", "выявление новых психоактивных веществ"),
            action("working with detection dogs", "применение служебных собак"),
            action("investigating drug trafficking networks", "расследование деятельности наркогруппировок"),
            action("using criminal intelligence", "использование оперативной информации"),
            action("field-testing seized substances", "экспресс-тестирование изъятых веществ")),
    equipment=(_kit("drug and precursor test kits", "наборы для экспресс-тестирования наркотиков и прекурсоров",
                    "наборов для экспресс-тестирования наркотиков и прекурсоров"),
               _kit("handheld Raman analysers", "портативные рамановские анализаторы",
                    "портативных рамановских анализаторов"),
               _kit("fibre-optic inspection scopes", "оптоволоконные эндоскопы для досмотра",
                    "оптоволоконных эндоскопов для досмотра")),
    sites=(Pair("the canine training centre in {city_en}", "кинологический центр в {city_prep}"),
           Pair("the forensic laboratory in {city_en}", "экспертно-криминалистическую лабораторию в {city_prep}")),
    themes=(Pair("countering drug trafficking along the Northern Route",
                 "противодействия наркотрафику на «северном маршруте»"),
            Pair("the spread of synthetic drugs", "распространения синтетических наркотиков")),
    manual=Pair("Controlled Deliveries: A Practical Guide", "Контролируемые поставки: практическое руководство"),
    quotes=(Pair("Every kilogram of heroin stopped at the border is a kilogram that never reaches our children",
                 "Каждый килограмм героина, задержанный на границе, — это килограмм, который никогда не дойдёт "
                 "до наших детей"),
            Pair("Synthetic drugs are changing the market faster than our laws",
                 "Синтетические наркотики меняют рынок быстрее, чем наше законодательство"),
            Pair("Seizures alone will not stop the trade: we must follow the money and the networks behind it",
                 "Одними изъятиями наркоторговлю не остановить: нужно отслеживать деньги и стоящие за ними "
                 "преступные сети"),
            Pair("Against transnational networks only a regional approach works",
                 "Против транснациональных преступных сетей работает только региональный подход")),
    statements=(Pair("traffickers increasingly used postal services and online markets",
                     "наркоторговцы всё чаще используют почтовые отправления и интернет-площадки"),
                Pair("the number of synthetic drugs seized in the region had tripled in five years",
                     "количество изымаемых в регионе синтетических наркотиков за пять лет выросло втрое"),
                Pair("the work followed the priorities of the national anti-drug strategy",
                     "эта работа отвечает приоритетам национальной антинаркотической стратегии")),
    agreements=(Pair("create a joint database of new psychoactive substances",
                     "создать общую базу данных новых психоактивных веществ"),
                Pair("carry out at least two controlled deliveries a year",
                     "проводить не менее двух контролируемых поставок в год"),
                Pair("tighten control over precursor chemicals", "усилить контроль за оборотом прекурсоров")),
    facts=(Pair("Law enforcement agencies of {country.en} seized {n_kg.en} of drugs in {last_year}, {pct.en} more "
                "than a year earlier.",
                "В {last_year} году правоохранительные органы {country.gen} изъяли {n_kg.ru} наркотиков, что на "
                "{pct.ru} больше, чем годом ранее."),
           Pair("Seizures of synthetic drugs in the region have {times.en} since {since_year}.",
                "С {since_year} года объём изъятий синтетических наркотиков в регионе {times.ru}."),
           Pair("Last year, {partner.en} registered {n_cases.en} drug-related crimes.",
                "В прошлом году {partner.nom} {partner.v[зарегистрировал]} {n_cases.ru} преступлений, связанных "
                "с наркотиками.")),
    trend=Trend(Pair("Drugs seized, kg", "Изъятые наркотики, кг"), Pair("All drugs", "Все наркотики"), "", 1800, 150),
)

CONTAINERS = Topic(
    key="containers", kicker=Pair("Container control", "Контроль контейнеров"),
    field=Pair("container control", "контроля контейнерных перевозок"), subprogramme=1,
    agencies=(("the State Customs Service of {ce}", "Государственная таможенная служба {c}|Государственной "
               "таможенной службы {c}|Государственной таможенной службе {c}|Государственную таможенную службу {c}|"
               "Государственной таможенной службой {c}|Государственной таможенной службе {c}", "f"),
              ("the Customs Committee of {ce}", "Таможенный комитет {c}|Таможенного комитета {c}|Таможенному "
               "комитету {c}|Таможенный комитет {c}|Таможенным комитетом {c}|Таможенном комитете {c}", "m")),
    groups=(head_noun("customs officers", " таможенных органов", STAFF),
            head_noun("officers of port control units", " групп портового контроля", STAFF),
            head_noun("customs inspectors", " таможни", INSPECTORS)),
    skills=(action("profiling high-risk containers", "профилирование контейнеров повышенного риска"),
            action("inspecting containers and cargo", "проведение досмотра контейнеров и грузов"),
            action("checking shipping documents", "изучение товаросопроводительных документов"),
            action("detecting dual-use goods", "выявление товаров двойного назначения"),
            action("using the ContainerCOMM secure messaging system",
                   "использование защищённой системы обмена сообщениями ContainerCOMM"),
            action("recognising methods of concealment", "распознавание способов сокрытия контрабанды")),
    equipment=(_kit("container inspection tools", "инструменты для досмотра контейнеров",
                    "инструментов для досмотра контейнеров"),
               _kit("computers and secure communication equipment", "компьютеры и оборудование защищённой связи",
                    "компьютеров и оборудования защищённой связи"),
               _kit("density meters", "плотномеры", "плотномеров")),
    sites=(Pair("the container terminal in {city_en}", "контейнерный терминал в {city_prep}"),
           Pair("the dry port of {city_en}", "сухой порт {city_gen}")),
    themes=(Pair("the security of trade supply chains", "безопасности цепочек поставок"),
            Pair("risk management at sea and dry ports", "управления рисками в морских и сухих портах")),
    manual=Pair("Risk Profiling of Containers", "Профилирование рисков при отборе контейнеров"),
    quotes=(Pair("Most of the world's trade travels in containers, and so do many of the threats",
                 "Большая часть мировой торговли перевозится в контейнерах — как и многие угрозы"),
            Pair("Good risk profiling lets us check the right container without slowing legitimate trade",
                 "Грамотное профилирование рисков позволяет проверить нужный контейнер, не замедляя законную "
                 "торговлю"),
            Pair("Our port control units are now a model for the whole region",
                 "Наши группы портового контроля сегодня служат примером для всего региона")),
    statements=(Pair("the new rail corridors had doubled the number of containers crossing the country",
                     "благодаря новым железнодорожным коридорам число контейнеров, пересекающих страну, "
                     "удвоилось"),
                Pair("intelligence shared between ports had led to several large seizures",
                     "обмен информацией между портами позволил провести несколько крупных изъятий")),
    agreements=(Pair("extend the work of the port control unit to the new rail terminal",
                     "распространить работу группы портового контроля на новый железнодорожный терминал"),
                Pair("use the ContainerCOMM system for every alert", "использовать систему ContainerCOMM для всех "
                     "оповещений"),
                Pair("train canine teams for the dry port", "подготовить кинологические расчёты для сухого порта")),
    facts=(Pair("Since the port control unit in {city.en} began work in {since_year}, it has made {n_cases.en} "
                "seizures, among them {n_kg.en} of heroin.",
                "С момента начала работы в {since_year} году группа портового контроля в {city.prep} провела "
                "{n_cases.ru} изъятий, в том числе изъято {n_kg.ru} героина."),
           Pair("Fewer than {pct.en} of the containers crossing the region are ever physically inspected.",
                "Физическому досмотру подвергается менее {pct.ru} контейнеров, пересекающих регион.")),
    trend=Trend(Pair("Seizures made by port control units", "Изъятия, произведённые группами портового контроля"),
                Pair("Seizures", "Изъятия"), "", 20, 6),
)

PREVENTION = Topic(
    key="prevention", kicker=Pair("Drug prevention", "Профилактика наркомании"),
    field=Pair("drug prevention", "профилактики наркомании"), subprogramme=3,
    agencies=(("the Ministry of Education of {ce}", "Министерство образования {c}|Министерства образования {c}|"
               "Министерству образования {c}|Министерство образования {c}|Министерством образования {c}|"
               "Министерстве образования {c}", "n"),
              ("the National Centre on Drug Control of {ce}", "Национальный центр по контролю над наркотиками {c}|"
               "Национального центра по контролю над наркотиками {c}|Национальному центру по контролю над "
               "наркотиками {c}|Национальный центр по контролю над наркотиками {c}|Национальным центром по "
               "контролю над наркотиками {c}|Национальном центре по контролю над наркотиками {c}", "m")),
    groups=(head_noun("school teachers", " общеобразовательных школ",
                      "учителя|учителей|учителям|учителей|учителями|учителях"),
            head_noun("school psychologists", " школ", "психологи|психологов|психологам|психологов|психологами|"
                      "психологах"),
            head_noun("youth workers", " по работе с молодёжью", SPECIALISTS)),
    skills=(action("running family skills sessions", "проведение занятий по развитию семейных навыков"),
            action("teaching life skills to adolescents", "обучение подростков жизненным навыкам"),
            action("recognising early signs of drug use", "распознавание ранних признаков употребления наркотиков"),
            action("advising parents", "консультирование родителей"),
            action("evaluating prevention programmes", "оценивание профилактических программ"),
            action("setting up peer education", "налаживание обучения по принципу «равный — равному»")),
    equipment=(_kit("sets of training manuals", "комплекты учебных пособий", "комплектов учебных пособий"),
               _kit("multimedia projectors for schools", "мультимедийные проекторы для школ",
                    "мультимедийных проекторов для школ")),
    sites=(Pair("a school in {city_en} that runs the programme", "одну из школ {city_gen}, где уже реализуется "
                "программа"),
           Pair("a youth centre in {city_en}", "молодёжный центр в {city_prep}")),
    themes=(Pair("drug prevention in schools", "профилактики наркомании в школах"),
            Pair("family-based prevention", "профилактики, основанной на укреплении семьи")),
    manual=Pair("Families and Schools Together", "Семья и школа вместе"),
    quotes=(Pair("Prevention works best when it starts in the family, long before the first offer of drugs",
                 "Профилактика эффективнее всего, когда она начинается в семье, задолго до первого предложения "
                 "попробовать наркотики"),
            Pair("Parents told us they now talk with their children more than ever before",
                 "Родители рассказывают, что теперь общаются с детьми больше, чем когда-либо прежде"),
            Pair("Every dollar invested in prevention saves many more in treatment",
                 "Каждый доллар, вложенный в профилактику, экономит гораздо больше средств на лечении"),
            Pair("School is the natural place to build the skills that protect young people",
                 "Школа — естественное место для формирования навыков, которые защищают молодых людей")),
    statements=(Pair("the age at which young people first tried drugs was falling",
                     "возраст первой пробы наркотиков среди молодёжи снижается"),
                Pair("prevention based on evidence was far more effective than one-off lectures",
                     "профилактика, основанная на фактических данных, гораздо эффективнее разовых лекций"),
                Pair("schools were at the heart of the national anti-drug strategy",
                     "школы занимают центральное место в национальной антинаркотической стратегии")),
    agreements=(Pair("bring the family skills programme to 20 more schools",
                     "внедрить программу развития семейных навыков ещё в 20 школах"),
                Pair("train school psychologists as facilitators", "подготовить школьных психологов в качестве "
                     "ведущих занятий"),
                Pair("evaluate the programme together with the national research institute",
                     "провести оценку программы совместно с национальным научно-исследовательским институтом")),
    facts=(Pair("A survey in {last_year} found that {pct.en} of secondary school pupils in {city.en} had been "
                "offered drugs at least once.",
                "Опрос, проведённый в {last_year} году, показал, что {pct.ru} учащихся старших классов {city.gen} "
                "хотя бы раз предлагали наркотики."),
           Pair("The family skills programme has reached {n_people.en} families in {country.en} since {since_year}.",
                "С {since_year} года программа развития семейных навыков охватила {n_people.ru} семей "
                "в {country.prep}.")),
    trend=Trend(Pair("Families that completed the programme", "Семьи, прошедшие программу"),
                Pair("Families", "Семьи"), "", 80, 40),
)

HIV = Topic(
    key="hiv", kicker=Pair("HIV prevention", "Профилактика ВИЧ"),
    field=Pair("HIV prevention and treatment", "профилактики и лечения ВИЧ"), subprogramme=3,
    agencies=(("the Ministry of Health of {ce}", "Министерство здравоохранения {c}|Министерства здравоохранения "
               "{c}|Министерству здравоохранения {c}|Министерство здравоохранения {c}|Министерством "
               "здравоохранения {c}|Министерстве здравоохранения {c}", "n"),
              ("the Republican AIDS Centre of {ce}", "Республиканский центр СПИД {c}|Республиканского центра "
               "СПИД {c}|Республиканскому центру СПИД {c}|Республиканский центр СПИД {c}|Республиканским "
               "центром СПИД {c}|Республиканском центре СПИД {c}", "m")),
    groups=(noun("doctors and nurses", "врачи и медицинские сёстры|врачей и медицинских сестёр|врачам "
                 "и медицинским сёстрам|врачей и медицинских сестёр|врачами и медицинскими сёстрами|врачах "
                 "и медицинских сёстрах", "pl"),
            noun("outreach workers", "аутрич-работники|аутрич-работников|аутрич-работникам|аутрич-работников|"
                 "аутрич-работниками|аутрич-работниках", "pl"),
            head_noun("staff of harm reduction programmes", " программ снижения вреда", STAFF)),
    skills=(action("providing opioid substitution therapy", "предоставление опиоидной заместительной терапии"),
            action("counselling people who inject drugs", "консультирование людей, употребляющих инъекционные "
                   "наркотики"),
            action("rapid testing for HIV", "экспресс-тестирование на ВИЧ"),
            action("overcoming stigma in health care", "преодоление стигмы в системе здравоохранения"),
            action("treating people with drug dependence", "лечение людей с наркозависимостью"),
            action("referring clients to treatment", "перенаправление клиентов на лечение")),
    equipment=(_kit("rapid HIV test kits", "экспресс-тесты на ВИЧ", "экспресс-тестов на ВИЧ"),
               _kit("medical equipment for prison clinics", "медицинское оборудование для тюремных медпунктов",
                    "медицинского оборудования для тюремных медпунктов", "n"),
               _kit("naloxone kits", "наборы налоксона", "наборов налоксона")),
    sites=(Pair("a harm reduction site in {city_en}", "пункт снижения вреда в {city_prep}"),
           Pair("an opioid substitution clinic in {city_en}", "кабинет заместительной терапии в {city_prep}")),
    themes=(Pair("HIV prevention among people who use drugs", "профилактики ВИЧ среди людей, употребляющих "
                 "наркотики"),
            Pair("HIV services in prisons", "оказания услуг в связи с ВИЧ в местах лишения свободы")),
    manual=Pair("HIV Services for People Who Use Drugs", "Услуги в связи с ВИЧ для людей, употребляющих наркотики"),
    quotes=(Pair("Nobody should be denied treatment because of drug dependence",
                 "Никому не должно быть отказано в лечении из-за наркозависимости"),
            Pair("Stigma keeps people away from the services that could save their lives",
                 "Стигма отталкивает людей от услуг, которые могли бы спасти им жизнь"),
            Pair("Harm reduction is not a concession but public health based on evidence",
                 "Снижение вреда — это не уступка, а политика общественного здравоохранения, основанная "
                 "на фактических данных"),
            Pair("We will end AIDS as a threat to public health only if no one is left behind",
                 "Покончить со СПИДом как с угрозой общественному здоровью можно, только если никто не останется "
                 "без внимания")),
    statements=(Pair("new HIV infections among people who inject drugs had fallen for the third year in a row",
                     "число новых случаев ВИЧ-инфекции среди людей, употребляющих инъекционные наркотики, "
                     "снижается третий год подряд"),
                Pair("services had to reach people where they lived, not wait for them at the clinic",
                     "услуги должны приходить к людям туда, где они живут, а не ждать их в поликлинике")),
    agreements=(Pair("extend opioid substitution therapy to every regional centre",
                     "расширить опиоидную заместительную терапию на все региональные центры"),
                Pair("offer HIV testing in every pre-trial detention centre",
                     "предлагать тестирование на ВИЧ в каждом следственном изоляторе"),
                Pair("involve community organisations in outreach work",
                     "привлекать общественные организации к аутрич-работе")),
    facts=(Pair("An estimated {n_people.en} people inject drugs in {country.en}, and about {pct.en} of them live "
                "with HIV.",
                "По оценкам, в {country.prep} насчитывается {n_people.ru} человек, употребляющих инъекционные "
                "наркотики, и около {pct.ru} из них живут с ВИЧ."),
           Pair("Opioid substitution therapy is now available at {n_sites.en} sites in {country.en}.",
                "Опиоидная заместительная терапия сегодня доступна в {n_sites.ru} медицинских учреждениях "
                "{country.gen}.")),
    trend=Trend(Pair("People receiving opioid substitution therapy", "Пациенты, получающие опиоидную "
                     "заместительную терапию"), Pair("Patients", "Пациенты"), "people", 600, 120),
)

JUSTICE = Topic(
    key="justice", kicker=Pair("Criminal justice", "Уголовное правосудие"),
    field=Pair("criminal justice", "уголовного правосудия"), subprogramme=2,
    agencies=(("the Prosecutor General's Office of {ce}", "Генеральная прокуратура {c}|Генеральной прокуратуры {c}|"
               "Генеральной прокуратуре {c}|Генеральную прокуратуру {c}|Генеральной прокуратурой {c}|Генеральной "
               "прокуратуре {c}", "f"),
              ("the Supreme Court of {ce}", "Верховный суд {c}|Верховного суда {c}|Верховному суду {c}|Верховный "
               "суд {c}|Верховным судом {c}|Верховном суде {c}", "m"),
              ("the Ministry of Justice of {ce}", "Министерство юстиции {c}|Министерства юстиции {c}|Министерству "
               "юстиции {c}|Министерство юстиции {c}|Министерством юстиции {c}|Министерстве юстиции {c}", "n")),
    groups=(noun("judges", "судьи|судей|судьям|судей|судьями|судьях", "pl"),
            noun("prosecutors", "прокуроры|прокуроров|прокурорам|прокуроров|прокурорами|прокурорах", "pl"),
            noun("defence lawyers", "адвокаты|адвокатов|адвокатам|адвокатов|адвокатами|адвокатах", "pl")),
    skills=(action("applying alternatives to detention", "применение мер, альтернативных заключению под стражу"),
            action("investigating corruption cases", "расследование коррупционных преступлений"),
            action("protecting witnesses", "обеспечение защиты свидетелей"),
            action("ensuring a fair trial", "обеспечение справедливого судебного разбирательства"),
            action("handling cases of juvenile offenders", "рассмотрение дел несовершеннолетних правонарушителей"),
            action("using electronic case management", "использование электронной системы управления делами")),
    equipment=(_kit("computers for the electronic case management system", "компьютеры для электронной системы "
                    "управления делами", "компьютеров для электронной системы управления делами"),
               _kit("video-conferencing equipment for courts", "оборудование видео-конференц-связи для судов",
                    "оборудования видео-конференц-связи для судов", "n")),
    sites=(Pair("the city court of {city_en}", "городской суд {city_gen}"),
           Pair("a legal aid centre in {city_en}", "центр бесплатной юридической помощи в {city_prep}")),
    themes=(Pair("the reform of criminal procedure", "реформы уголовно-процессуального законодательства"),
            Pair("access to legal aid", "доступа к юридической помощи")),
    manual=Pair("Fair Trial Standards in Practice", "Стандарты справедливого судопроизводства на практике"),
    quotes=(Pair("A fair trial is the foundation of public trust in justice",
                 "Справедливое судебное разбирательство — основа доверия общества к правосудию"),
            Pair("Detention must be the last resort, not the first response",
                 "Заключение под стражу должно быть крайней мерой, а не первым ответом"),
            Pair("Integrity in the courts is the best protection against organized crime",
                 "Добросовестность судей — лучшая защита от организованной преступности"),
            Pair("Reform is not only about laws but about the daily practice of every judge and prosecutor",
                 "Реформа касается не только законов, но и повседневной практики каждого судьи и прокурора")),
    statements=(Pair("the new Code of Criminal Procedure had strengthened the role of the defence",
                     "новый Уголовно-процессуальный кодекс усилил роль стороны защиты"),
                Pair("the courts now published most of their decisions online",
                     "суды теперь публикуют большую часть своих решений в интернете")),
    agreements=(Pair("apply the new sentencing guidelines from next year",
                     "применять новые рекомендации по назначению наказаний со следующего года"),
                Pair("publish court decisions online", "публиковать судебные решения в интернете"),
                Pair("set up a working group on alternatives to detention",
                     "создать рабочую группу по мерам, альтернативным заключению под стражу")),
    facts=(Pair("Courts in {country.en} heard {n_cases.en} criminal cases in {last_year}; in {pct.en} of them the "
                "accused had no lawyer at the first hearing.",
                "В {last_year} году суды {country.gen} рассмотрели {n_cases.ru} уголовных дел, причём "
                "в {pct.ru} случаев у обвиняемого не было адвоката на первом заседании."),
           Pair("People awaiting trial make up {pct.en} of the prison population.",
                "На лиц, содержащихся под стражей до суда, приходится {pct.ru} от общего числа заключённых.")),
    trend=Trend(Pair("Hearings with a defence lawyer from the first day, %", "Заседания с участием адвоката "
                     "с первого дня, %"), Pair("Hearings", "Заседания"), "%", 55, 5),
)

PRISONS = Topic(
    key="prisons", kicker=Pair("Prison reform", "Пенитенциарная реформа"),
    field=Pair("prison management", "управления пенитенциарными учреждениями"), subprogramme=2,
    agencies=(("the Penitentiary Service of {ce}", "Служба исполнения наказаний {c}|Службы исполнения наказаний {c}|"
               "Службе исполнения наказаний {c}|Службу исполнения наказаний {c}|Службой исполнения наказаний {c}|"
               "Службе исполнения наказаний {c}", "f"),
              ("the Ministry of Justice of {ce}", "Министерство юстиции {c}|Министерства юстиции {c}|Министерству "
               "юстиции {c}|Министерство юстиции {c}|Министерством юстиции {c}|Министерстве юстиции {c}", "n")),
    groups=(head_noun("prison staff", " пенитенциарных учреждений", STAFF),
            head_noun("probation officers", " службы пробации", STAFF),
            head_noun("prison doctors", " исправительных учреждений", "врачи|врачей|врачам|врачей|врачами|врачах")),
    skills=(action("managing prisoners at risk of violent extremism", "обращение с заключёнными, подверженными "
                   "риску насильственного экстремизма"),
            action("preparing prisoners for release", "сопровождение заключённых при подготовке к освобождению"),
            action("applying the Nelson Mandela Rules", "применение Правил Нельсона Манделы"),
            action("providing health care in prisons", "оказание медицинской помощи в местах лишения свободы"),
            action("running vocational training", "проведение профессионального обучения"),
            action("assessing the risks and needs of prisoners", "определение рисков и потребностей заключённых")),
    equipment=(_kit("equipment for prison workshops", "оборудование для производственных мастерских",
                    "оборудования для производственных мастерских", "n"),
               _kit("furniture and books for prison libraries", "мебель и книги для тюремных библиотек",
                    "мебели и книг для тюремных библиотек")),
    sites=(Pair("a women's prison near {city_en}", "женскую исправительную колонию недалеко от {city_gen}"),
           Pair("a probation office in {city_en}", "офис службы пробации в {city_prep}")),
    themes=(Pair("the social reintegration of offenders", "социальной реинтеграции правонарушителей"),
            Pair("prison conditions and the rule of law", "условий содержания под стражей и верховенства права")),
    manual=Pair("Handbook on Prisoner Rehabilitation", "Руководство по реабилитации заключённых"),
    quotes=(Pair("A prison that only punishes sends people back to society more dangerous than before",
                 "Тюрьма, которая только наказывает, возвращает людей в общество более опасными, чем прежде"),
            Pair("Humane conditions of detention are not a privilege but an obligation of the state",
                 "Гуманные условия содержания — это не привилегия, а обязанность государства"),
            Pair("A job and a home are the best protection against reoffending",
                 "Работа и жильё — лучшая защита от рецидива")),
    statements=(Pair("overcrowding in pre-trial detention had fallen by a third since the reform began",
                     "с начала реформы переполненность следственных изоляторов сократилась на треть"),
                Pair("every prison now had a social worker on its staff",
                     "в штате каждого учреждения теперь есть социальный работник")),
    agreements=(Pair("open vocational workshops in three more prisons",
                     "открыть производственные мастерские ещё в трёх учреждениях"),
                Pair("draft a national action plan on social reintegration",
                     "разработать национальный план действий по социальной реинтеграции"),
                Pair("train all new prison staff in the Nelson Mandela Rules",
                     "обучить всех новых сотрудников учреждений применению Правил Нельсона Манделы")),
    facts=(Pair("About {n_people.en} people are held in the country's {n_sites.en} penal institutions.",
                "В {n_sites.ru} пенитенциарных учреждениях страны содержится около {n_people.ru} человек."),
           Pair("Within three years of release, {pct.en} of former prisoners return to prison.",
                "В течение трёх лет после освобождения {pct.ru} бывших заключённых вновь оказываются в местах "
                "лишения свободы.")),
    trend=Trend(Pair("Prisoners in vocational training", "Заключённые, проходящие профессиональное обучение"),
                Pair("Prisoners", "Заключённые"), "people", 300, 60),
)

TRAFFICKING = Topic(
    key="trafficking", kicker=Pair("Human trafficking", "Торговля людьми"),
    field=Pair("countering human trafficking", "противодействия торговле людьми"), subprogramme=1,
    agencies=(("the State Migration Service of {ce}", "Государственная служба миграции {c}|Государственной службы "
               "миграции {c}|Государственной службе миграции {c}|Государственную службу миграции {c}|"
               "Государственной службой миграции {c}|Государственной службе миграции {c}", "f"),
              ("the Ministry of Labour and Social Protection of {ce}", "Министерство труда и социальной защиты "
               "населения {c}|Министерства труда и социальной защиты населения {c}|Министерству труда "
               "и социальной защиты населения {c}|Министерство труда и социальной защиты населения {c}|"
               "Министерством труда и социальной защиты населения {c}|Министерстве труда и социальной защиты "
               "населения {c}", "n")),
    groups=(head_noun("police officers", " полиции", STAFF),
            head_noun("staff of crisis centres", " кризисных центров", STAFF),
            head_noun("labour inspectors", " по труду", INSPECTORS)),
    skills=(action("identifying victims of trafficking", "выявление жертв торговли людьми"),
            action("interviewing victims with care", "проведение бесед с потерпевшими с учётом пережитой ими "
                   "травмы"),
            action("investigating labour exploitation", "расследование случаев трудовой эксплуатации"),
            action("referring victims to shelters", "направление пострадавших в приюты"),
            action("prosecuting the smuggling of migrants", "привлечение к ответственности за незаконный ввоз "
                   "мигрантов"),
            action("working with agencies abroad", "взаимодействие с компетентными органами других государств")),
    equipment=(_kit("equipment for crisis centres", "оборудование для кризисных центров",
                    "оборудования для кризисных центров", "n"),
               _kit("furniture for child-friendly interview rooms", "мебель для комнат опроса детей",
                    "мебели для комнат опроса детей", "f")),
    sites=(Pair("a shelter for victims in {city_en}", "приют для пострадавших в {city_prep}"),
           Pair("the migrant support centre in {city_en}", "центр поддержки мигрантов в {city_prep}")),
    themes=(Pair("the national referral mechanism for victims", "национального механизма перенаправления жертв"),
            Pair("safe labour migration", "безопасной трудовой миграции")),
    manual=Pair("Identifying and Protecting Victims of Trafficking", "Выявление и защита жертв торговли людьми"),
    quotes=(Pair("Victims must be treated as victims, not as offenders",
                 "К жертвам нужно относиться как к пострадавшим, а не как к правонарушителям"),
            Pair("Traffickers exploit hope: the hope of a job, an income and a better life abroad",
                 "Торговцы людьми наживаются на надежде — на работу, заработок и лучшую жизнь за рубежом"),
            Pair("Behind every case we investigate there is a person who trusted the wrong people",
                 "За каждым расследуемым делом стоит человек, который доверился не тем людям")),
    statements=(Pair("most victims identified last year had been exploited in construction and agriculture",
                     "большинство выявленных в прошлом году жертв подверглись эксплуатации в строительстве "
                     "и сельском хозяйстве"),
                Pair("the new law gave victims the right to free legal aid",
                     "новый закон предоставил жертвам право на бесплатную юридическую помощь")),
    agreements=(Pair("adopt standard operating procedures for identifying victims",
                     "утвердить стандартные операционные процедуры выявления жертв"),
                Pair("fund the shelters from the state budget", "финансировать приюты из государственного бюджета"),
                Pair("open a hotline for migrant workers", "открыть горячую линию для трудовых мигрантов")),
    facts=(Pair("In {last_year}, {n_people.en} victims of trafficking were identified in {country.en}, most of them "
                "exploited for their labour abroad.",
                "В {last_year} году в {country.prep} было выявлено {n_people.ru} жертв торговли людьми, "
                "большинство из них подверглись трудовой эксплуатации за рубежом."),
           Pair("Remittances from migrant workers make up about {pct.en} of the country's gross domestic product.",
                "Денежные переводы трудовых мигрантов составляют около {pct.ru} валового внутреннего продукта "
                "страны.")),
    trend=Trend(Pair("Victims of trafficking identified", "Выявленные жертвы торговли людьми"),
                Pair("Victims", "Жертвы"), "people", 120, 25),
)

COOPERATION = Topic(
    key="cooperation", kicker=Pair("Regional cooperation", "Региональное сотрудничество"),
    field=Pair("regional cooperation", "регионального сотрудничества"), subprogramme=1,
    agencies=(("the Ministry of Foreign Affairs of {ce}", "Министерство иностранных дел {c}|Министерства "
               "иностранных дел {c}|Министерству иностранных дел {c}|Министерство иностранных дел {c}|"
               "Министерством иностранных дел {c}|Министерстве иностранных дел {c}", "n"),
              ("the Security Council of {ce}", "Совет безопасности {c}|Совета безопасности {c}|Совету безопасности "
               "{c}|Совет безопасности {c}|Советом безопасности {c}|Совете безопасности {c}", "m")),
    groups=(head_noun("heads of agencies", " ведомств", "руководители|руководителей|руководителям|руководителей|"
                      "руководителями|руководителях"),
            noun("liaison officers", "офицеры связи|офицеров связи|офицерам связи|офицеров связи|офицерами связи|"
                 "офицерах связи", "pl"),
            noun("analysts", "аналитики|аналитиков|аналитикам|аналитиков|аналитиками|аналитиках", "pl")),
    skills=(action("exchanging criminal intelligence", "налаживание обмена оперативной информацией"),
            action("planning joint operations", "планирование совместных операций"),
            action("coordinating responses to drug trafficking", "согласование мер противодействия наркотрафику"),
            action("drafting regional action plans", "составление региональных планов действий"),
            action("tracking illicit financial flows", "отслеживание незаконных финансовых потоков"),
            action("sharing data on seizures", "предоставление данных об изъятиях")),
    equipment=(_kit("secure communication equipment", "оборудование защищённой связи",
                    "оборудования защищённой связи", "n"),
               _kit("servers for the regional database", "серверы для региональной базы данных",
                    "серверов для региональной базы данных")),
    sites=(Pair("the regional information centre in {city_en}", "региональный информационный центр в {city_prep}"),
           Pair("the joint border office at {city_en}", "совместный пограничный офис в {city_prep}")),
    themes=(Pair("interstate cooperation against drug trafficking", "межгосударственного взаимодействия "
                 "в противодействии наркотрафику"),
            Pair("the regional response to drugs and crime", "регионального ответа на угрозы, связанные "
                 "с наркотиками и преступностью"),
            Pair("intelligence-led policing across borders", "трансграничной правоохранительной деятельности "
                 "на основе оперативных данных")),
    manual=Pair("Regional Information Exchange Protocol", "Протокол регионального обмена информацией"),
    quotes=(Pair("Drugs and crime do not stop at borders, and neither should our cooperation",
                 "Наркотики и преступность не останавливаются на границах — не должно останавливаться и наше "
                 "сотрудничество"),
            Pair("Trust between agencies is built meeting by meeting, case by case",
                 "Доверие между ведомствами выстраивается встреча за встречей, дело за делом"),
            Pair("The region has shown that joint action brings results no country could achieve alone",
                 "Регион доказал, что совместные действия дают результаты, недостижимые для каждой страны "
                 "в отдельности")),
    statements=(Pair("the countries of the region were sharing more information than ever before",
                     "страны региона обмениваются информацией активнее, чем когда-либо прежде"),
                Pair("joint operations had disrupted several trafficking networks in the past year",
                     "за последний год совместные операции позволили пресечь деятельность нескольких преступных "
                     "сетей")),
    agreements=(Pair("second liaison officers to the regional centre",
                     "командировать офицеров связи в региональный центр"),
                Pair("prepare a joint threat assessment", "подготовить совместную оценку угроз"),
                Pair("hold the next meeting in {city2.en}", "провести следующее заседание в {city2.prep}")),
    facts=(Pair("Through the regional centre, the countries exchanged {n_cases.en} requests for information "
                "in {last_year}.",
                "В {last_year} году страны направили друг другу через региональный центр {n_cases.ru} "
                "информационных запросов."),
           Pair("Joint operations coordinated at regional level led to the seizure of {n_kg.en} of drugs last year.",
                "В прошлом году совместные операции, скоординированные на региональном уровне, позволили изъять "
                "{n_kg.ru} наркотиков.")),
    trend=Trend(Pair("Requests for information exchanged through the regional centre", "Информационные запросы, "
                     "направленные через региональный центр"), Pair("Requests", "Запросы"), "", 400, 70),
)

FINANCIAL = Topic(
    key="financial", kicker=Pair("Financial investigations", "Финансовые расследования"),
    field=Pair("financial investigations", "финансовых расследований"), subprogramme=1,
    agencies=(("the Financial Intelligence Unit of {ce}", "Подразделение финансовой разведки {c}|Подразделения "
               "финансовой разведки {c}|Подразделению финансовой разведки {c}|Подразделение финансовой разведки {c}|"
               "Подразделением финансовой разведки {c}|Подразделении финансовой разведки {c}", "n"),
              ("the National Bank of {ce}", "Национальный банк {c}|Национального банка {c}|Национальному банку {c}|"
               "Национальный банк {c}|Национальным банком {c}|Национальном банке {c}", "m")),
    groups=(noun("financial investigators", "финансовые следователи|финансовых следователей|финансовым "
                 "следователям|финансовых следователей|финансовыми следователями|финансовых следователях", "pl"),
            head_noun("bank compliance officers", " служб внутреннего контроля банков", STAFF),
            head_noun("analysts of the financial intelligence unit", " подразделения финансовой разведки",
                      "аналитики|аналитиков|аналитикам|аналитиков|аналитиками|аналитиках")),
    skills=(action("tracing criminal assets", "отслеживание преступных активов"),
            action("analysing suspicious transactions", "изучение подозрительных транзакций"),
            action("investigating money laundering", "расследование дел об отмывании денег"),
            action("seizing the proceeds of crime", "изъятие преступных доходов"),
            action("following virtual assets", "выявление операций с виртуальными активами"),
            action("working with banks", "взаимодействие с банковским сектором")),
    equipment=(_kit("analytical software licences", "лицензии на аналитическое программное обеспечение",
                    "лицензий на аналитическое программное обеспечение"),
               _kit("high-performance computers", "высокопроизводительные компьютеры",
                    "высокопроизводительных компьютеров")),
    sites=(Pair("the financial intelligence unit in {city_en}", "подразделение финансовой разведки в {city_prep}"),
           Pair("the training centre of a commercial bank in {city_en}", "учебный центр одного из коммерческих "
                "банков в {city_prep}")),
    themes=(Pair("illicit financial flows from drug trafficking", "незаконных финансовых потоков, связанных "
                 "с наркотрафиком"),
            Pair("the national assessment of money-laundering risks", "национальной оценки рисков отмывания денег")),
    manual=Pair("Financial Investigations Manual", "Пособие по финансовым расследованиям"),
    quotes=(Pair("Criminals fear losing their money more than losing their freedom",
                 "Преступники больше боятся потерять деньги, чем свободу"),
            Pair("Follow the money, and you find the organizers, not just the couriers",
                 "Идите по следу денег — и вы найдёте организаторов, а не только курьеров"),
            Pair("Banks are our first line of defence against dirty money",
                 "Банки — наша первая линия обороны против грязных денег")),
    statements=(Pair("the proceeds of drug trafficking increasingly moved through virtual assets",
                     "доходы от наркоторговли всё чаще перемещаются через виртуальные активы"),
                Pair("parallel financial investigations were now opened in most drug cases",
                     "параллельные финансовые расследования теперь проводятся по большинству дел, связанных "
                     "с наркотиками")),
    agreements=(Pair("set up a joint task force on illicit financial flows",
                     "создать совместную рабочую группу по незаконным финансовым потокам"),
                Pair("share typologies of money laundering", "обмениваться типологиями отмывания денег"),
                Pair("train bank staff in reporting suspicious transactions",
                     "обучить сотрудников банков информированию о подозрительных операциях")),
    facts=(Pair("The financial intelligence unit received {n_cases.en} reports of suspicious transactions "
                "in {last_year}.",
                "В {last_year} году подразделение финансовой разведки получило {n_cases.ru} сообщений "
                "о подозрительных операциях."),
           Pair("Illicit financial flows linked to drug trafficking in the region are estimated at {money_big.en} "
                "a year.",
                "Объём незаконных финансовых потоков, связанных с наркотрафиком в регионе, оценивается "
                "в {money_big.ru} в год.")),
    trend=Trend(Pair("Reports of suspicious transactions", "Сообщения о подозрительных операциях"),
                Pair("Reports", "Сообщения"), "", 2500, 400),
)

TOPICS = (BORDER, DRUGS, CONTAINERS, PREVENTION, HIV, JUSTICE, PRISONS, TRAFFICKING, COOPERATION, FINANCIAL)
