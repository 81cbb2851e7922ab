# groupmatch.bash - bash completion for groupmatch: commands, options, formats, question ids and answers.
# Installed as share/bash-completion/completions/groupmatch; or source it from ~/.bashrc.

# The questionnaire as "groupmatch questions" prints it, from the binary
# being completed (with its --catalog, if one was given).
_groupmatch_questions()
{
	local prog=$1
	shift
	"$prog" "$@" questions 2>/dev/null
}

# Question ids, one per word.
_groupmatch_question_ids()
{
	local csv
	csv=$("$@" questions --format csv 2>/dev/null) || return
	csv=${csv#id,}
	printf '%s\n' "${csv//,/ }"
}

# The values question $2 accepts: option ids, yes/no, or the scale's numbers.
_groupmatch_answer_values()
{
	local prog=$1 question=$2
	shift 2
	_groupmatch_questions "$prog" "$@" | awk -v q="$question" '
		/^ *[0-9]+\. / {
			cur = $2
			if (cur == q && $0 ~ /\(yes\/no/) {
				print "yes"
				print "no"
			} else if (cur == q && match($0, /scale -?[0-9]+--?[0-9]+/)) {
				range = substr($0, RSTART + 6, RLENGTH - 6)
				n = index(substr(range, 2), "-") + 1
				lo = substr(range, 1, n - 1) + 0
				hi = substr(range, n + 1) + 0
				for (i = lo; i <= hi && i - lo < 100; i++)
					print i
			}
			next
		}
		cur == q && /^ +[0-9]+  [a-z]/ { print $2 }
	'
}

_groupmatch()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local prog=${COMP_WORDS[0]} cmd="" i w
	local -a catalog=()
	local commands="ask match batch questions groups check assign test diff help"
	local global="-c --catalog --color --color= -q --quiet -h --help -V --version"
	local common="-c --catalog --color --color= -q --quiet -h --help"

	# "--format=json" and "-a goals=grief" arrive split at '=': as
	# "--format" "=" "json", with cur "=" right after the '='.
	local opt="" before=""
	if [[ $cur == "=" && $COMP_CWORD -ge 2 ]]; then
		cur=""
		opt=$prev
		before=${COMP_WORDS[COMP_CWORD-2]}
	elif [[ $prev == "=" && $COMP_CWORD -ge 3 ]]; then
		opt=${COMP_WORDS[COMP_CWORD-2]}
		before=${COMP_WORDS[COMP_CWORD-3]}
	fi
	if [[ -n $opt ]]; then
		if [[ $before == @(-a|--answer) ]]; then
			w=$opt
			prev="-a="
		else
			prev=$opt
		fi
	fi

	# The command is the first word that is not an option or its argument.
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-c | --catalog)
			catalog=(--catalog "${COMP_WORDS[i+1]}")
			((i++))
			;;
		-*) ;;
		=) ((i++)) ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=${COMP_WORDS[i]}
			fi
			;;
		esac
	done

	case $prev in
	-c | --catalog | --answers | --map | -o | --output | --offerings | --intake | --resources)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--color | --colour)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return
		;;
	--format | -f)
		case $cmd in
		batch) COMPREPLY=($(compgen -W "csv jsonl json html" -- "$cur")) ;;
		assign) COMPREPLY=($(compgen -W "csv jsonl text json html" -- "$cur")) ;;
		questions) COMPREPLY=($(compgen -W "text json csv fhir" -- "$cur")) ;;
		diff) COMPREPLY=($(compgen -W "text csv json" -- "$cur")) ;;
		ask | match) COMPREPLY=($(compgen -W "text json html" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
		esac
		return
		;;
	-a | --answer)
		compopt -o nospace 2>/dev/null
		COMPREPLY=($(compgen -S = -W "$(_groupmatch_question_ids "$prog" "${catalog[@]}")" -- "$cur"))
		return
		;;
	-a=)
		# several options of a multi-choice question: complete after the last separator
		local head="" tail=$cur
		if [[ $cur == *[,\;\|]* ]]; then
			head=${cur%[,;|]*}
			tail=${cur:${#head}+1}
			head=${cur:0:${#head}+1}
		fi
		COMPREPLY=($(compgen -P "$head" -W "$(_groupmatch_answer_values "$prog" "$w" "${catalog[@]}")" -- "$tail"))
		return
		;;
	--delimiter)
		COMPREPLY=($(compgen -W ", ';' tab" -- "$cur"))
		return
		;;
	--encoding)
		COMPREPLY=($(compgen -W "utf-8 latin1 cp1252" -- "$cur"))
		return
		;;
	--top | --id | --columns | --id-column | --available-column | --keep)
		return
		;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$global" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi

	if [[ $cur == -* ]]; then
		case $cmd in
		ask) w="--format --screeners --strict --top" ;;
		match) w="-a --answer --answers --format --id --strict --top" ;;
		batch) w="-o --output --format --top --summary --strict --no-header --columns --id-column --keep --delimiter --encoding --map --raw-cells" ;;
		questions | groups) w="--format" ;;
		assign) w="--offerings -o --output --format --summary --close-small --available-column --id-column --strict --raw-cells" ;;
		test) w="-v --verbose" ;;
		diff) w="--intake --format --id-column --map --strict --raw-cells" ;;
		*) w="" ;;
		esac
		COMPREPLY=($(compgen -W "$w $common" -- "$cur"))
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi

	case $cmd in
	batch | check | assign | test | diff)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	help)
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		;;
	esac
}

complete -F _groupmatch groupmatch
