META
key;value
description;"Park; and ""playground"""
vote_type;ordinal
budget;7 200,50
PROJECTS
Project_ID;COST;name
"1";"7200";"A; quoted
name"
VOTES
Voter_Id;Vote
v;1
