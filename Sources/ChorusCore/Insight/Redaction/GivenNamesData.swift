// Given names common in the UK, for finding names in running text (see GivenNames.swift). Written for Chorus
// from general knowledge of the names UK residents carry (the ONS baby-name lists over several decades for England
// and Wales, and the names of the UK's larger communities); not copied from any one list. A name appears once, in
// the first group it fits. Names that are also ordinary words or places are in the ambiguous lists, not here.
// Adding a name: put it in its group (any case is fine, accents as written); a test checks for repeats.

extension GivenNames {
    /// Each string is one community's names, separated by spaces.
    static let groups: [(community: String, names: String)] = [
        (
            "English (common across the decades, from babies to pensioners)",
            """
            Aaron Abbie Abigail Ada Adam Adrian Aidan Aiden Alan Albie Alec Alexander Alexandra Alexis Alfie
            Alfred Alice Alicia Alison Alistair Allan Amanda Amelia Amy Andrea Andrew Andy Angela Angus Anna
            Annabel Anne Annette Annie Anthony Antony Arabella Archie Arlo Arthur Ashley Audrey Ava Barbara
            Barry Beatrice Becky Belinda Bella Ben Benjamin Bernard Beryl Beth Bethany Betty Beverley Billy
            Bobby Bonnie Brandon Brenda Brian Bridget Caitlin Callum Cameron Carl Carly Caroline Carolyn Casey
            Catherine Cathy Charlene Charles Charlie Charlotte Chloe Chris Christina Christine Christopher Clara
            Claire Clare Colin Connor Conor Craig Daniel Danielle Danny Darren Dave David Debbie Deborah Declan
            Denise Dennis Derek Diana Diane Dominic Donna Doreen Doris Dorothy Douglas Dylan Edith Edna Edward
            Eileen Elaine Eleanor Elijah Eliza Elizabeth Ella Ellie Elliot Elliott Eloise Elsie Emily Emma Eric
            Ernest Esme Esther Ethan Ethel Eva Evelyn Evie Ezra Felicity Felix Finley Finn Frances Freddie
            Frederick Freya Gail Gareth Gary Gavin Gemma Geoff Geoffrey George Georgina Gerald Gillian Gladys
            Glenn Gloria Gordon Graham Gwen Hallie Hannah Harold Harrison Harry Harvey Hayley Helen Henry Hilary
            Hilda Hollie Howard Hugh Hugo Ian Imogen Irene Isaac Isabel Isabella Isabelle Isla Jack Jacob
            Jacqueline Jackie Jake James Jamie Jane Janet Janice Jason Jayden Jean Jeff Jemma Jenna Jennifer
            Jenny Jeremy Jessica Jill Jim Jimmy Joan Joanne Jodie Joe Joel Joey John Johnny Jon Jonathan Joseph
            Josh Joshua Joyce Judith Judy Julia Julian Julie Justin Karen Kate Katherine Kathleen Kathryn Katie
            Katy Kayla Keith Kelly Kenneth Kevin Kim Kirsty Kyle Laura Lauren Leah Leanne Lee Leo Leon Leonard
            Lesley Leslie Lewis Liam Linda Lindsey Lisa Logan Lola Lorraine Lottie Louie Louis Louise Lucas Lucy
            Luke Lydia Lynn Lynne Maisie Malcolm Margaret Maria Marie Marilyn Marion Marjorie Martin Mary Mason
            Matilda Matt Matthew Maureen Mavis Megan Melanie Melissa Mia Michael Michelle Mike Millie Molly
            Muriel Nancy Naomi Natalie Natasha Nathan Nathaniel Neil Nicholas Nick Nicky Nicola Nigel Noah
            Oliver Olivia Ollie Oscar Owen Pamela Paige Patricia Patrick Paul Paula Pauline Penelope
            Peter Phil Philip Phillip Phoebe Rachel Ralph Rebecca Reggie Reuben Richard Rita Robert Robbie Robyn
            Roger Ronald Ronnie Rosie Ross Rowan Roy Ruth Ryan Sally Sam Samantha Samuel Sandra Sara Sarah Scott
            Sean Sebastian Shannon Sharon Shaun Sheila Shirley Sian Sidney Simon Sophia Sophie Stacey Stanley
            Stella Stephanie Stephen Steve Steven Stuart Susan Suzanne Sylvia Tamsin Tanya Teresa Terence Terry
            Thea Theo Theodore Thomas Tim Timothy Toby Tom Tommy Tony Tracey Tracy Trevor Valerie Vera Vicky
            Victor Vincent Walter Wendy William Yvonne Zach Zachary Zoe Zoë Zak Ann Jo Marcus Reece Tyrique Jola Mikey Tyler Kian Jenson Albert Alexa
            Rosa Kieran Bradley Carla Keeley Shane Wayne Courtney Sienna Harper Luna Aria Mila Maya Layla Elsa
            Jessie Connie Nellie Winifred Agnes Hettie Edie Frankie Jude Otis Caleb Jasper Kai Gabriel Sonny
            Tobias Rupert Giles Hamish Fergus Crispin Piers Tristan Jocelyn Pippa Hermione Clementine Camilla
            Harriet Henrietta Octavia Francesca Rosalind Cressida
            """
        ),
        (
            "Welsh",
            """
            Aled Alun Alys Bethan Bryn Cadi Caradog Carys Catrin Cerys Dafydd Dai Delyth Dewi Efa Eirlys Eleri
            Elin Elis Emrys Eurig Ffion Gethin Glyn Gruffudd Gruffydd Gwenllian Gwyn Gwyneth Heledd Huw Hywel
            Idris Ieuan Ifan Ioan Iolo Iwan Lowri Llinos Llŷr Manon Meinir Meirion Mererid Morgan Nia Nerys
            Osian Owain Rhian Rhiannon Rhodri Rhys Seren Sioned Siân Tegan Tomos Trystan Wyn
            """
        ),
        (
            "Scottish",
            """
            Ailsa Alasdair Alastair Callan Calum Catriona Eilidh Elspeth Euan Ewan Finlay Fiona Fraser Iain
            Innes Kirsteen Lachlan Lorna Mhairi Morag Morven Murdo Murray Niall Rhona Rory Ruairidh Ruaridh
            Seonaid Shona Struan Torquil Kenzie Duncan Gregor Lennox Blair Fenella Senga Jock Ishbel
            """
        ),
        (
            "Irish",
            """
            Aisling Aoife Bríd Caoimhe Cathal Cian Ciara Ciaran Ciarán Clodagh Colm Cormac Darragh Deirdre
            Dermot Donal Dónal Eamon Eamonn Éamonn Eimear Eoghan Eoin Enda Fergal Fiachra Fintan Fionn Gráinne
            Grainne Mairead Máiréad Maeve Niamh Nuala Oisin Oisín Oonagh Orla Orlaith Padraig Pádraig Roisin
            Róisín Ronan Saoirse Seamus Séamus Seán Siobhan Siobhán Sinead Sinéad Tadhg Una Úna Dervla Shauna
            Sorcha Aoibhinn Mairéad Peadar Brendan Finbar Fionnuala
            """
        ),
        (
            "Urdu and Punjabi (Pakistani and Kashmiri heritage)",
            """
            Aamir Abdul Abdullah Adeel Adnan Afzal Ahmad Ahmed Aisha Akram Ali Amina Aminah Amir Amjad Anam
            Anwar Arshad Asad Asif Aslam Atif Ayaan Ayesha Azhar Babar Bilal Bushra Daniyal Ejaz Faisal Farah
            Farhan Faiza Fatima Fozia Ghulam Hafsa Hamza Haris Haroon Hina Humaira Ibrahim Iftikhar Ijaz Imran
            Iqbal Iqra Irfan Ismail Javed Jameel Jamil Junaid Kamran Kashif Khadija Khalid Khurram Liaqat
            Mahmood Majid Manzoor Mariam Maryam Masood Mehmood Mehwish Mohammad Mohammed Muhammad Mushtaq Nabila
            Nadeem Nadia Naila Nasir Nasreen Naveed Nawaz Nazia Nazir Noor Omar Parveen Pervez Qasim Rabia
            Rashid Rayyan Razia Rehana Rehman Rizwan Rubina Rukhsana Saba Sadia Sajid Saleem Salim Samina Sana
            Saima Saqib Shabana Shafiq Shahid Shahzad Shazia Shoaib Sohail Suhail Sumaiya Tahir Tahira Tanveer
            Tariq Usman Uzma Wajid Waqar Waseem Yasir Yasmin Yasmeen Yousaf Yusuf Zafar Zaheer Zahid Zahra Zain
            Zainab Zara Zayn Zubair Zulfiqar Mohsin Nighat Tasneem Shagufta Samreen Asma Sobia Humera Ambreen
            """
        ),
        (
            "Punjabi (Sikh) and Hindi",
            """
            Amarjit Amrit Balbir Baljit Balvinder Balwinder Bhupinder Daljit Gurdeep Gurdip Gurinder Gurjit
            Gurmeet Gurpreet Harbans Hardeep Harjinder Harjit Harpreet Harvinder Inderjit Jagdeep Jagjit Jasbir
            Jaspal Jaspreet Jasvinder Jaswinder Kamaljit Kuldeep Kulvinder Kulwinder Mandeep Manjit Manpreet
            Narinder Navdeep Navjot Paramjit Parminder Pardeep Rajinder Rajvinder Ranjit Ravinder Rupinder
            Sandeep Sarbjit Satnam Simran Sukhbir Sukhdev Sukhjinder Sukhwinder Surinder Taranjit Tejinder Amit
            Anil Anita Anjali Arjun Ashok Deepak Deepa Dinesh Geeta Gita Kavita Manoj Meena Mukesh Neha Nisha
            Pooja Pradeep Prakash Priya Rahul Rajesh Rajiv Rakesh Ramesh Ravi Rekha Rohit Sanjay Sanjeev Seema
            Sunil Sunita Suresh Usha Vijay Vikram Vinod Aarav Ishaan Ananya Diya Saanvi Aditya Krishna Lakshmi
            Lata Parvati Sita Shanti
            """
        ),
        (
            "Gujarati",
            """
            Alpesh Bhavesh Bhavna Bhavini Chirag Darshan Dhruv Dipti Harish Heena Hema Hitesh Jayesh Jayshree
            Jignesh Jyoti Kajal Kalpesh Kamlesh Ketan Kishore Kokila Komal Mahesh Manisha Minal Mitesh Nilesh
            Nirmala Nita Paresh Parul Pankaj Pravin Pritesh Priti Preeti Pushpa Radha Rina Rupesh Sachin
            Sangeeta Sapna Shailesh Shilpa Shital Smita Sonal Swati Trupti Tushar Umesh Vandana Varsha Vipul
            Yogesh Hansa Jagruti Nayna Hemant Jitendra Dilip Kirit Naresh Bharat Chandrika Daksha Hasmukh 
            Induben Jashvant Mina Nikita Pritika Rajni
            """
        ),
        (
            "Bengali and Sylheti",
            """
            Abul Abdur Afsana Aminul Anowar Ashraf Faruk Fahmida Farzana Habibur Halima Hasina Jahanara Jahangir
            Jamal Jannat Jubair Kamal Karim Khaleda Lutfur Mahbub Mamun Masud Mizanur Monir Monowara Mostafa
            Mujibur Nasima Nazma Nazrul Nusrat Rafiq Rahim Rahima Rahman Raju Rokeya Roksana Rubel Ruhul Rumana
            Saiful Salma Shafiqul Shahidul Shahin Shahnaz Shakil Shamim Shamima Sharmin Shirin Sohel Sufia
            Sultana Sumon Tahmina Tanvir Taslima Tasnim Abida Ruksana Rezaul Mahfuz Mohiuddin Moyna Shipa Nasrin
            Delwar Dilwar Sahed Anisur Ataur Kamrul Azizur Fazlul
            """
        ),
        (
            "Polish",
            """
            Agata Agnieszka Aleksander Aleksandra Alicja Andrzej Arkadiusz Artur Bartek Bartosz Beata Bożena
            Damian Danuta Dariusz Dawid Dominik Dorota Ewa Ewelina Filip Grażyna Grzegorz Halina Henryk Igor
            Iwona Izabela Jacek Jadwiga Jakub Janusz Jarosław Jerzy Joanna Justyna Kacper Kamil Kamila Karolina
            Kasia Katarzyna Kazimierz Kinga Krystyna Krzysztof Leszek Lidia Łukasz Lukasz Maciej Magda Magdalena
            Małgorzata Malgorzata Marcin Marek Mariusz Marta Marzena Mateusz Michał Michal Mirosław Monika
            Natalia Oskar Patrycja Paulina Paweł Pawel Piotr Przemek Przemysław Radek Radosław Rafał Rafal
            Renata Ryszard Sławomir Stanisław Sylwia Szymon Tadeusz Tomasz Tomek Urszula Wanda Weronika Wiktoria
            Witold Wojciech Zbigniew Zofia Zuzanna Żaneta Zdzisław Jolanta Bogdan Edyta Elżbieta Gosia Kuba
            Basia Ania Ola
            """
        ),
        (
            "Romanian",
            """
            Alexandru Alin Alina Ana Andreea Andrei Bianca Catalin Cătălin Ciprian Claudiu Constantin Corina
            Cosmin Costel Cristian Cristina Daniela Denisa Dragos Dragoș Dumitru Elena Florin Gabriela Georgiana
            Gheorghe Ioana Ion Ionel Ionut Ionuț Irina Iulia Larisa Laurentiu Liviu Loredana Lucian Madalina
            Mădălina Marian Marius Mihaela Mihai Mircea Mirela Nicoleta Nicolae Oana Ovidiu Petru Radu Raluca
            Ramona Razvan Răzvan Roxana Silviu Simona Sorin Stefan Ștefan Teodora Valentin Vasile Viorel Adina
            Anca Camelia Geanina Lavinia Violeta
            """
        ),
        (
            "Somali",
            """
            Abdi Abdiaziz Abdikadir Abdirahman Abdiwali Abdullahi Abshir Aden Ayan Bashir Deeqa Faadumo Fadumo
            Faduma Farhiya Guled Hamdi Hamse Hanad Hawa Hibo Hodan Idil Ifrah Ilhan Jama Khadar Liban Mahad
            Maryan Mohamed Mohamud Mohamoud Muna Mustafa Nasra Nimco Nuur Qali Roda Sagal Sahra Saida Sakariye
            Samatar Shukri Suad Sucaad Ubah Ugaaso Warsame Zamzam Hussein Hassan Osman Abdisalam Fartun Khadra
            Ladan Mulki Najma Sahro
            """
        ),
        (
            "Arabic (Syrian, Iraqi, Sudanese, Egyptian, Moroccan, Yemeni heritage)",
            """
            Abdallah Amal Amira Ayman Aya Basel Basma Bassam Dina Fadi Farid Ghada Ghassan Hadi Hala Hamid Hana
            Hani Haya Heba Hiba Hisham Huda Jamila Khaled Khalil Laila Leila Lina Maha Mahmoud Marwa Mazen Mona
            Nabil Nour Rami Rana Rania Reem Riad Samir Sami Tamer Tarek Tareq Wael Walid Waleed Yasmine
            Youssef Yousef Zaid Ziad Zeinab Mahmud Abdelkader Rachid Fatiha Khadidja Samira Soumaya Yassin
            Hamdan Ammar Alaa Rawan Lujain Nizar Osama Usama Fares
            """
        ),
        (
            "Turkish and Kurdish",
            """
            Ahmet Ayşe Ayse Burak Deniz Elif Emre Fatma Hasan Hatice Hüseyin Huseyin Mehmet Murat Serkan Zeynep
            Emine Ozlem Özlem Kemal Cemal Baran Rojda Rojin Dilan Berivan Hawre Shilan Karwan Aram
            """
        ),
        (
            "Caribbean and Black British",
            """
            Andre Barrington Calvin Carlton Cedric Claudette Clive Delores Delroy Desmond Dwayne Errol 
            Fitzroy Hyacinth Icilda Jermaine Kemar Kenroy Keisha Latoya Leroy Linton Lloyd Marcia Marlon Maxine
            Merle Myrtle Neville Paulette Pearline Shanice Shanelle Sonia Tanisha Tyrese Tyrone Veronica Winston
            Cynthia Joycelyn Jada Aaliyah Kareem Jerome Lorenzo Marvin Nadine Shaquille Tremaine Keon Jahmal
            Tyrell Kezia Letitia Ophelia
            """
        ),
        (
            "West African (Nigerian, Ghanaian, Sierra Leonean)",
            """
            Abena Abimbola Ade Adebayo Adewale Adwoa Akosua Ama Ayo Ayodele Bola Chiamaka Chidi Chinedu Chioma
            Chukwuemeka Damilola Efua Ekow Emeka Esi Femi Folake Funmi Funmilayo Ifeoma Kehinde Kemi Kofi Kojo
            Kwabena Kwaku Kwame Ngozi Nkechi Obinna Olamide Olumide Oluwaseun Segun Seun Taiwo Temitope Tolu
            Tope Tunde Uche Yaw Yetunde Adaeze Amaka Babatunde Chinwe Ebere Ikenna Nnamdi Oluwatobi Tobi Tomiwa
            Kayode Jide Dapo Bisi Yinka Fatou Fatmata Aminata Mariama Isatu Kadiatu
            """
        ),
        (
            "East African and other",
            """
            Achieng Akinyi Amani Baraka Wanjiru Njeri Otieno Kamau Tendai Tatenda Rudo Farai Chipo Nyasha Thabo
            Lerato Sipho Zanele Themba Tsegaye Abebe Selam Mekdes Dawit Tesfaye Hailu Yonas Feven Semhar Senait
            Eyerusalem Kidane
            """
        ),
        (
            "Portuguese, Spanish, Italian, Greek",
            """
            António Antonio Beatriz Carlos Catarina Diego Francisco Gonçalo Inês Ines Javier João Joao Jorge
            José Jose Juan Luis Luísa Manuel Mariana Miguel Pablo Pedro Raquel Rui Sofia Tiago Alessandro
            Antonella Chiara Francesco Giorgio Giovanni Giulia Giuseppe Luca Luigi Marco Matteo Paola Roberto
            Salvatore Stefano Vincenzo Andreas Costas Dimitris Eleni Georgios Katerina Nikos Yannis Panayiotis
            Androulla Despina Christos
            """
        ),
        (
            "Lithuanian, Latvian, Bulgarian, Ukrainian, Russian, Slovak, Czech, Hungarian",
            """
            Agne Aiste Darius Egle Gintare Jonas Justinas Mantas Rasa Ruta Tomas Vaida Vytautas Zygimantas
            Andris Ilze Janis Liga Dimitar Georgi Ivanka Petar Stoyan Desislava Andriy Dmytro Halyna Iryna
            Mykola Oksana Oleksandr Olena Serhii Tetiana Vasyl Yulia Anastasia Boris Dmitri Galina Ivan Ludmila
            Nikolai Olga Sergei Svetlana Tatiana Vladimir Yuri Zuzana Jana Lucie Petra Martina Jiri Tamas Zoltan
            Gabor Eszter Katalin Laszlo
            """
        ),
        (
            "Chinese, Vietnamese, Filipino, Nepali, Tamil, Malayalam",
            """
            Wei Ying Mei Xiao Hui Jing Ming Xin Yan Fang Lei Tao Zhen Minh Thanh Linh Trang Huong Duc Anh Ngoc
            Hoa Maricel Marites Rowena Ramil Jomar Sushma Sabina Bishnu Prabin Anish Deepika Murugan Selvi
            Priyanka Arun Karthik Senthil Vijaya Thulasi Suja Anu Biju Jomon Reji Jinu Bindu
            """
        ),
        (
            "Short forms and more English names",
            """
            Cheryl Moira Steph Tina Mandy Lynda Carole Val Bev Di Liz Kath Pam Maggie Peggy Nora Norah Noreen
            Lilian Lillian Mabel Sybil Phyllis Glenys Stan Alf Len Sid Bert Fred Ted Eddie Vic Bernie Les Kev
            Baz Gaz Daz Del Rod Ron Ken Stu Pete Mick Mickey Micky Stevie Jez Jonny Vince Wes Dom Fran Gill
            Trish Tricia Kayleigh Kayley Leigh Demi Jess Abi Becca Bex Lou Lulu Mel Nat Nikki Vikki Stacy Toni
            Tammy Cassie Sheena Bridie Mairi Kenny Davie Rab Shelley Jody Kerrie Tania Jacqui Gina Lena
            Nina Vanessa Sonya Tess Tessa Hattie Mollie Freddy Teddy Bobbie Johnnie
            """
        ),
    ]

    /// Names that are also ordinary words (grace, hope, will, amber, rob): a name when capitalised inside a
    /// sentence; at the start of a sentence only with a surname after it or "said", "told" … after it.
    static let wordLike = """
        Grace Hope Faith Joy Rose Will Mark Bill Frank Dawn Heather Holly Ivy Ruby Amber Jade Poppy Daisy Lily
        Willow Hazel Olive Violet Jasmine Pat Sue Rob Ray Max Miles Guy Don Bob Carol Robin Penny Sandy Dean
        Hunter Summer Autumn Precious Blessing Comfort Mercy Patience Charity Honor Honour Glen Dale Brook Iris
        Crystal Pearl Sunny Rusty Skye Rosemary Ebony Harmony Destiny Nada
        """

    /// Names that are also months, places or other proper nouns ("May", "Jordan", "Victoria", "Christian"): a
    /// name only with a surname after it or "said", "told" … after it, wherever they stand.
    static let properNounLike = """
        May June April August Jan Jordan Chelsea Victoria Florence Georgia India Paris Sydney Devon Kerry Mali
        Christian Eve Noel Lincoln Chester Austin Clyde Trent Adelaide Madison Brooklyn Dallas Phoenix Israel
        Carolina Virginia Jersey Norman Everton
        """

    /// Word-like names that are also verbs or modals that can stand before a name ("Will Sarah get a reply?",
    /// "Hope Ahmed is ok"): before another given name they are not part of the name.
    static let verbLike = """
        Will May Mark Hope Bill Pat Rob Sue Guy
        """

    /// Names that streets, parks, halls and buildings are named after ("Albert Park", "Victoria Hall", "George
    /// Green"): with one of the words that is both a surname and a place word after them, they are a place.
    static let commemorative = """
        Victoria Albert Alexandra Elizabeth George William Edward Mary Anne Charles Henry Alfred Arthur
        Frederick Margaret Louise Beatrice Adelaide Charlotte Caroline Florence Catherine Katherine James John
        Peter Paul Stephen Michael Andrew David Thomas Matthew Luke Patrick Richard Robert Winston Clarence
        Leopold Helena Alice Grace Stanley Douglas Gordon Nelson Wellington
        """
}
